namespace Foreman.Samples.Workflows;

/// <summary>The input of the <c>bench-approval</c> workflow.</summary>
/// <param name="Index">The run's number in the benchmark.</param>
public sealed record BenchApprovalInput(int Index);
