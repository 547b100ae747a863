namespace Foreman.Samples.Pipelines.Imports;

/// <summary>The contract between a document type's sub-supervisor and the top level: what it extracted.</summary>
/// <param name="DocumentType">The type.</param>
/// <param name="Supplier">The supplier (single agent).</param>
/// <param name="GoodsDescription">The goods description (single agent).</param>
/// <param name="Amount">The amount (consensus).</param>
/// <param name="Unit">The amount's unit.</param>
/// <param name="Agreement">The amount consensus's agreement.</param>
/// <param name="Readings">Each amount reader's reading.</param>
/// <param name="Costs">Each amount reader's cost.</param>
public sealed record ImportFields(string DocumentType, string? Supplier, string? GoodsDescription, decimal? Amount, string Unit, double? Agreement, IReadOnlyList<decimal?> Readings, IReadOnlyList<decimal> Costs);
