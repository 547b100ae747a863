namespace Foreman.Samples.Pipelines.Imports;

/// <summary>The answer key of a generated import document.</summary>
/// <param name="DocumentType">The type's id.</param>
/// <param name="Supplier">The supplier.</param>
/// <param name="GoodsDescription">The goods description.</param>
/// <param name="Amount">The amount read by consensus (a value or a weight).</param>
public sealed record ImportTruth(string DocumentType, string Supplier, string GoodsDescription, decimal Amount);
