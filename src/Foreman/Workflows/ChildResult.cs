using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>The outcome of a child workflow.</summary>
/// <typeparam name="T">The output type.</typeparam>
/// <param name="RunId">The child's run id.</param>
/// <param name="Status">The child's final status.</param>
/// <param name="Output">The output, when completed.</param>
/// <param name="Error">The error, when it did not complete.</param>
public sealed record ChildResult<T>(string RunId, RunStatus Status, T? Output, RunError? Error)
{
    /// <summary>Gets a value indicating whether the child completed.</summary>
    public bool Succeeded => Status == RunStatus.Completed;
}
