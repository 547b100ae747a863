namespace Foreman.Reviews.Tests;

/// <summary>The input of <see cref="GatedWorkflow"/>.</summary>
internal sealed record GatedInput(decimal Amount, string Queue = "finance", string DecisionType = "refund");
