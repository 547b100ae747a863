using System.Globalization;
using System.Text;

namespace Foreman.Samples.Pipelines.Imports;

/// <summary>
/// Generates import documents (commercial invoices, packing lists, bills of lading, customs declarations) with
/// ground truth. Each carries, besides the amount the pipeline must read, a nearby number careless readers take
/// instead. The same count and seed give the same documents.
/// </summary>
public static class ImportDataset
{
    private static readonly string[] Suppliers =
    [
        "Shenzhen Brightway Electronics Co Ltd", "Saigon Textile Export JSC", "Anatolia Ceramics AS", "Pune Precision Castings Pvt Ltd",
        "Guangzhou Evergreen Furniture Co", "Busan Marine Parts Co Ltd", "Monterrey Steelworks SA de CV", "Jakarta Rattan Crafts PT",
    ];

    private static readonly string[] Goods =
    [
        "LED panel lights 600x600 mm, 40 W", "cotton knit T-shirts, assorted sizes", "glazed porcelain floor tiles 60x60",
        "grey iron pump housings, machined", "solid oak dining chairs, flat-packed", "marine diesel fuel injectors",
        "hot-rolled steel coils, 2 mm", "rattan garden sofas with cushions",
    ];

    /// <summary>Generates documents.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The documents.</returns>
    public static IReadOnlyList<ImportCase> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var cases = new List<ImportCase>(count);
        for (var i = 0; i < count; i++)
        {
            var type = ImportDocumentType.All[random.Next(ImportDocumentType.All.Count)];
            var supplier = Suppliers[random.Next(Suppliers.Length)];
            var goods = Goods[random.Next(Goods.Length)];
            var amount = Math.Round(type.AmountUnit == "kg" ? 800m + (24_000m * (decimal)random.NextDouble()) : 1_500m + (90_000m * (decimal)random.NextDouble()), 2);
            var distractor = Math.Round(amount * (0.05m + (0.5m * (decimal)random.NextDouble())), 2);
            var reference = string.Create(CultureInfo.InvariantCulture, $"{type.Type[..2].ToUpperInvariant()}-{random.Next(100_000, 999_999)}");
            var text = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"{type.Title}    No. {reference}")
                .AppendLine(CultureInfo.InvariantCulture, $"{type.PartyLabel}: {supplier}")
                .AppendLine("Consignee: Foreman Demo Imports GmbH, Hamburg")
                .AppendLine(CultureInfo.InvariantCulture, $"Port of loading: {(random.Next(2) == 0 ? "Yantian" : "Cat Lai")}    Port of discharge: Hamburg")
                .AppendLine(CultureInfo.InvariantCulture, $"{type.GoodsLabel}: {goods}")
                .AppendLine(CultureInfo.InvariantCulture, $"Packages: {random.Next(4, 400)} cartons")
                .AppendLine(CultureInfo.InvariantCulture, $"{type.DistractorLabel}: {Amount(distractor, type.AmountUnit)}")
                .AppendLine(CultureInfo.InvariantCulture, $"{type.AmountLabel}: {Amount(amount, type.AmountUnit)}")
                .ToString();
            cases.Add(new ImportCase(string.Create(CultureInfo.InvariantCulture, $"imp-{seed}-{i + 1:00000}"), text, new ImportTruth(type.Type, supplier, goods, amount)));
        }

        return cases;
    }

    private static string Amount(decimal value, string unit) =>
        unit == "kg" ? $"{Invoices.InvoiceDataset.Money(value)} kg" : $"{unit} {Invoices.InvoiceDataset.Money(value)}";
}
