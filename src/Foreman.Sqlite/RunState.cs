using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>What the writer needs to know about a run to validate a write to it.</summary>
/// <param name="Status">The current status.</param>
/// <param name="Epoch">The current fencing epoch.</param>
/// <param name="Version">The current version.</param>
/// <param name="ParentRunId">The parent, for a child run.</param>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal readonly record struct RunState(RunStatus Status, long Epoch, long Version, string? ParentRunId);
