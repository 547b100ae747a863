namespace Foreman.Workflows.Storage;

/// <summary>Why a run (or a step) failed, as stored in <see cref="RunRecord.Error"/> and failed journal entries.</summary>
/// <param name="Kind">A stable code: <c>step_failed</c>, <c>divergence</c>, <c>cancelled</c>, <c>workflow_failed</c>, the exception type….</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Step">The step that failed, when one did.</param>
/// <param name="Sequence">The journal sequence of that step.</param>
/// <param name="Attempts">Attempts made.</param>
public sealed record RunError(string Kind, string Message, string? Step = null, int? Sequence = null, int? Attempts = null);
