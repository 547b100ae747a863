namespace Foreman.Reviews;

/// <summary>Options of a <see cref="ReviewGate"/>.</summary>
public sealed class ReviewGateOptions
{
    /// <summary>Gets the queues requests may name.</summary>
    public IList<ReviewQueueOptions> Queues { get; } = [];

    /// <summary>Gets or sets the share of level-1 decisions queued for later review. The default value is 0.1.</summary>
    public double AuditSampleRate { get; set; } = 0.1;

    /// <summary>Gets or sets how many times an item may escalate before the timeout ends in rejection. The default value is 3.</summary>
    public int MaxEscalations { get; set; } = 3;
}
