using System.Text.Json;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Consensus;

/// <summary>One instance's contribution to a consensus.</summary>
/// <param name="Instance">The instance's worker name.</param>
/// <param name="Status">How the instance ended.</param>
/// <param name="Value">The value it proposed (at the aggregator's pointer), or <see langword="null"/>.</param>
/// <param name="Cost">What the instance cost, every attempt included.</param>
/// <param name="Confidence">The instance's own confidence.</param>
/// <param name="Agrees">Whether its value agrees with the consensus.</param>
public sealed record ConsensusVote(string Instance, WorkStatus Status, JsonElement? Value, decimal Cost, double Confidence, bool Agrees);
