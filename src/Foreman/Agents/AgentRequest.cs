namespace Foreman.Agents;

/// <summary>One piece of work for an agent.</summary>
/// <param name="Input">The task: free text or JSON.</param>
public sealed record AgentRequest(string Input)
{
    /// <summary>Gets the run id; generated when <see langword="null"/>.</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// Gets the prefix of the idempotency keys tools receive; the run id when <see langword="null"/>. A durable
    /// workflow sets it to its run and step, so keys stay the same across replays.
    /// </summary>
    public string? IdempotencyPrefix { get; init; }

    /// <summary>Gets caller-supplied facts for guardrails and tools (tenant, channel, amount).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the journal that makes the run durable, or <see langword="null"/> for an ordinary run.</summary>
    public IAgentJournal? Journal { get; init; }

    /// <summary>Gets services tools may use, or <see langword="null"/>.</summary>
    public IServiceProvider? Services { get; init; }
}
