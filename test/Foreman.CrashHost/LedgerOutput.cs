namespace Foreman.CrashHost;

/// <summary>The output of the <c>ledger</c> workflow: a deterministic function of its input and its step results.</summary>
/// <param name="Index">The workflow's number.</param>
/// <param name="Amounts">The amount each step appended, in order.</param>
/// <param name="Total">Their sum.</param>
public sealed record LedgerOutput(int Index, IReadOnlyList<long> Amounts, long Total);
