namespace Foreman.Workflows.Storage;

/// <summary>A filter for listing runs, newest first.</summary>
public sealed record RunQuery
{
    /// <summary>Gets the status to match, or <see langword="null"/> for any.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Gets the workflow to match, or <see langword="null"/> for any.</summary>
    public string? Workflow { get; init; }

    /// <summary>Gets the most runs to return. The default value is 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Gets a cursor: only runs created before this one (by creation time, then id) are returned.</summary>
    public string? Before { get; init; }
}
