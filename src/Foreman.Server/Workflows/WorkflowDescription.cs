namespace Foreman.Server.Workflows;

/// <summary>What the server tells clients about a registered workflow.</summary>
/// <param name="Name">The registered name.</param>
/// <param name="Description">One line about what it does, or <see langword="null"/>.</param>
/// <param name="ExampleInput">An example input as JSON text, or <see langword="null"/>.</param>
public sealed record WorkflowDescription(string Name, string? Description = null, string? ExampleInput = null);
