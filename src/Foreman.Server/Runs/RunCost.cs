namespace Foreman.Server.Runs;

/// <summary>What a run's model calls consumed, summed from its journal.</summary>
/// <param name="ModelCalls">Model calls, retries included.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="Cost">The inference cost in the catalog's currency.</param>
internal sealed record RunCost(int ModelCalls, long InputTokens, long OutputTokens, decimal Cost);
