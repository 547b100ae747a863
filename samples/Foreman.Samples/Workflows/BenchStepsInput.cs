namespace Foreman.Samples.Workflows;

/// <summary>The input of the <c>bench-steps</c> workflow.</summary>
/// <param name="Steps">How many durable steps to run.</param>
public sealed record BenchStepsInput(int Steps);
