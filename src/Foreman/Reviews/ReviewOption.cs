namespace Foreman.Reviews;

/// <summary>One choice a reviewer has, with what it is expected to cause.</summary>
/// <param name="Label">The choice, for example <c>Refund EUR 39.90</c>.</param>
/// <param name="ExpectedImpact">What follows from it, for example <c>EUR 39.90 leaves the account; the customer keeps the item</c>.</param>
public sealed record ReviewOption(string Label, string ExpectedImpact);
