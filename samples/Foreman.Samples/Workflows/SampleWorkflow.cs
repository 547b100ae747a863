namespace Foreman.Samples.Workflows;

/// <summary>What the command line knows about a sample workflow before it runs it.</summary>
/// <param name="Name">The registered name.</param>
/// <param name="Description">One line about what it shows.</param>
/// <param name="ExampleInput">An example input, as JSON.</param>
public sealed record SampleWorkflow(string Name, string Description, string ExampleInput);
