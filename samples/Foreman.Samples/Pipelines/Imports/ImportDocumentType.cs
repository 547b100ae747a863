namespace Foreman.Samples.Pipelines.Imports;

/// <summary>One kind of import document: how it is titled and labelled, and which amount is read by consensus.</summary>
/// <param name="Type">The type's id, also the route name.</param>
/// <param name="Title">The title printed on the document.</param>
/// <param name="PartyLabel">The label of the supplier (seller, shipper, consignor).</param>
/// <param name="GoodsLabel">The label of the goods description.</param>
/// <param name="AmountLabel">The label of the amount read by consensus.</param>
/// <param name="DistractorLabel">The label of another number printed nearby, which careless readers take instead.</param>
/// <param name="AmountUnit">The amount's unit: a currency or kg.</param>
public sealed record ImportDocumentType(string Type, string Title, string PartyLabel, string GoodsLabel, string AmountLabel, string DistractorLabel, string AmountUnit)
{
    /// <summary>Gets the four types: commercial invoice, packing list, bill of lading, customs declaration.</summary>
    public static IReadOnlyList<ImportDocumentType> All { get; } =
    [
        new("commercial_invoice", "COMMERCIAL INVOICE", "Seller", "Description of goods", "Invoice total", "Freight included", "USD"),
        new("packing_list", "PACKING LIST", "Shipper", "Contents", "Total gross weight", "Total net weight", "kg"),
        new("bill_of_lading", "BILL OF LADING", "Shipper", "Description of packages and goods", "Freight charges", "Declared value", "USD"),
        new("customs_declaration", "CUSTOMS DECLARATION (SAD)", "Consignor", "Goods description", "Statistical value", "Import duty", "EUR"),
    ];

    /// <summary>Finds a type by id.</summary>
    /// <param name="type">The id.</param>
    /// <returns>The type.</returns>
    public static ImportDocumentType Get(string type) => All.First(t => t.Type == type);
}
