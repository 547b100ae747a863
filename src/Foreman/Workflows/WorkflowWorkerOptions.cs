namespace Foreman.Workflows;

/// <summary>Options of a <see cref="WorkflowWorker"/>.</summary>
public sealed class WorkflowWorkerOptions
{
    /// <summary>Gets or sets the worker's id, unique among workers sharing a store. The default is the machine name, process id and a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Gets or sets how many runs execute at once. The default value is 16.</summary>
    public int MaxConcurrentRuns { get; set; } = 16;

    /// <summary>Gets or sets the lease length; renewed every third of it while a run executes. The default value is 30 seconds.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how often the store is polled when nothing signals new work (events delivered by another process,
    /// expired leases of dead workers). The default value is 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
