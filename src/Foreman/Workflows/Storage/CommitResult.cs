namespace Foreman.Workflows.Storage;

/// <summary>The outcome of a commit and the run's version afterwards.</summary>
/// <param name="Status">Whether it was written.</param>
/// <param name="Version">The run's version after the write (or its current version when refused; 0 when not found).</param>
/// <param name="RunStatus">The run's status after the write (the store may turn a wait into pending when a matching event already arrived).</param>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
public readonly record struct CommitResult(CommitStatus Status, long Version, RunStatus RunStatus)
{
    /// <summary>Gets a value indicating whether the commit was written.</summary>
    public bool IsCommitted => Status == CommitStatus.Committed;
}
