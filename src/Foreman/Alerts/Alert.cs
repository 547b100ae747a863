namespace Foreman.Alerts;

/// <summary>A stored alert: one per condition while it holds (repeated evaluations update it, they do not add alerts).</summary>
public sealed record Alert
{
    /// <summary>Gets the id (<c>alrt_…</c>).</summary>
    public required string AlertId { get; init; }

    /// <summary>Gets the rule.</summary>
    public required string Rule { get; init; }

    /// <summary>Gets the subject.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the severity (the highest seen while firing).</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>Gets the latest message.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the latest measured value.</summary>
    public double Value { get; init; }

    /// <summary>Gets the threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>Gets the state.</summary>
    public AlertState State { get; init; } = AlertState.Firing;

    /// <summary>Gets when it first fired.</summary>
    public required DateTimeOffset FiredAt { get; init; }

    /// <summary>Gets when an evaluation last found the condition.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>Gets how many evaluations found the condition.</summary>
    public int Occurrences { get; init; } = 1;

    /// <summary>Gets when it resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets when a sink last accepted it, or <see langword="null"/> when none did yet.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>Gets the fingerprint (rule and subject).</summary>
    public string Fingerprint => $"{Rule}|{Subject}";
}
