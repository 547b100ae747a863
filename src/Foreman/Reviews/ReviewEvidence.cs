namespace Foreman.Reviews;

/// <summary>A piece of evidence the agent used: a tool result, summarized, with the data for those who want it.</summary>
/// <param name="Source">Where it came from, for example the tool <c>get_order</c>.</param>
/// <param name="Summary">One line a reviewer reads.</param>
/// <param name="Data">The result as JSON text, or <see langword="null"/>.</param>
public sealed record ReviewEvidence(string Source, string Summary, string? Data = null);
