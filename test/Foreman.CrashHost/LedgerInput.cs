namespace Foreman.CrashHost;

/// <summary>The input of the <c>ledger</c> workflow.</summary>
/// <param name="Index">The workflow's number in the test.</param>
/// <param name="Steps">How many ledger entries it appends.</param>
public sealed record LedgerInput(int Index, int Steps);
