using System.Globalization;
using System.Text;

namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>
/// Generates invoice-pipeline documents with their ground truth: supplier invoices in three layouts (with
/// subtotal, tax and total lines, thousands separators, three currencies) and service contracts. The same count
/// and seed always give the same documents.
/// </summary>
public static class InvoiceDataset
{
    private static readonly string[] Vendors =
    [
        "Northwind Traders GmbH", "Fabrikam Industrial Parts", "Contoso Office Supply", "Adventure Works Cycles",
        "Litware Logistics BV", "Tailspin Packaging Ltd", "Wide World Importers", "Proseware Metals SA",
        "Coho Winery", "Lucerne Publishing", "Margie's Travel", "Alpine Ski House",
    ];

    private static readonly (string Item, decimal Min, decimal Max)[] Items =
    [
        ("Steel brackets", 2m, 12m), ("Hydraulic hose 2m", 18m, 45m), ("Pallet wrap", 9m, 30m), ("Bearing 6204", 3m, 9m),
        ("Safety gloves (box)", 6m, 20m), ("Server rack 42U", 600m, 1_900m), ("Forklift service", 250m, 900m), ("Label printer", 180m, 450m),
    ];

    private static readonly string[] Currencies = ["EUR", "USD", "GBP"];

    /// <summary>Generates documents.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The documents with ground truth.</returns>
    public static IReadOnlyList<InvoiceCase> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var cases = new List<InvoiceCase>(count);
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"doc-{seed}-{i + 1:00000}");
            cases.Add(random.NextDouble() < 0.12 ? Contract(random, id) : Invoice(random, id));
        }

        return cases;
    }

    /// <summary>Formats an amount as documents print it: thousands separators, two decimals.</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>The text.</returns>
    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static InvoiceCase Invoice(Random random, string id)
    {
        var vendor = Vendors[random.Next(Vendors.Length)];
        var currency = Currencies[random.Next(Currencies.Length)];
        var number = string.Create(CultureInfo.InvariantCulture, $"INV-2026-{random.Next(10_000, 99_999)}");
        var lines = new List<(string Item, int Quantity, decimal Price)>();
        for (var l = random.Next(1, 5); l > 0; l--)
        {
            var (item, min, max) = Items[random.Next(Items.Length)];
            lines.Add((item, random.Next(1, 40), Math.Round(min + ((max - min) * (decimal)random.NextDouble()), 2)));
        }

        // Now and then a large order, so the finance-director route is well represented.
        if (random.NextDouble() < 0.18)
        {
            lines.Add(("Production line retrofit", 1, Math.Round(9_000m + (40_000m * (decimal)random.NextDouble()), 2)));
        }

        var subtotal = lines.Sum(l => l.Quantity * l.Price);
        var taxRate = currency == "USD" ? 0m : currency == "GBP" ? 0.20m : 0.19m;
        var tax = Math.Round(subtotal * taxRate, 2);
        var total = subtotal + tax;
        var text = new StringBuilder();
        var date = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 320)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (random.Next(3))
        {
            case 0:
                text.AppendLine(CultureInfo.InvariantCulture, $"INVOICE {number}").AppendLine(CultureInfo.InvariantCulture, $"From: {vendor}").AppendLine(CultureInfo.InvariantCulture, $"Date: {date}").AppendLine();
                AppendLines(text, lines);
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Subtotal: {Money(subtotal)}");
                if (tax > 0)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"VAT {taxRate:P0}: {Money(tax)}");
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"Total due: {currency} {Money(total)}");
                break;
            case 1:
                text.AppendLine(CultureInfo.InvariantCulture, $"{vendor}").AppendLine(CultureInfo.InvariantCulture, $"Tax invoice no. {number}    issued {date}").AppendLine();
                AppendLines(text, lines);
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Net amount ({currency}): {Money(subtotal)}");
                text.AppendLine(CultureInfo.InvariantCulture, $"Tax ({currency}): {Money(tax)}");
                text.AppendLine(CultureInfo.InvariantCulture, $"Amount payable ({currency}): {Money(total)}");
                break;
            default:
                text.AppendLine(CultureInfo.InvariantCulture, $"Seller: {vendor}").AppendLine(CultureInfo.InvariantCulture, $"Invoice number: {number}").AppendLine(CultureInfo.InvariantCulture, $"Invoice date: {date}").AppendLine();
                AppendLines(text, lines);
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Goods total {currency} {Money(subtotal)}   Tax {currency} {Money(tax)}");
                text.AppendLine(CultureInfo.InvariantCulture, $"Grand total {currency} {Money(total)}");
                break;
        }

        return new InvoiceCase(id, text.ToString(), new InvoiceTruth("invoice", vendor, number, currency, total, InvoiceRouting.QueueFor("invoice", total)));
    }

    private static InvoiceCase Contract(Random random, string id)
    {
        var vendor = Vendors[random.Next(Vendors.Length)];
        var currency = Currencies[random.Next(Currencies.Length)];
        var number = string.Create(CultureInfo.InvariantCulture, $"CTR-{random.Next(1_000, 9_999)}");
        var value = Math.Round(2_000m + (80_000m * (decimal)random.NextDouble()), 2);
        var months = random.Next(6, 37);
        var text = $"""
            SERVICE AGREEMENT {number}
            between Foreman Demo Manufacturing Ltd ("Customer") and {vendor} ("Supplier")

            1. Scope. The Supplier provides maintenance of production equipment for {months} months.
            2. Fees. The total contract value is {currency} {Money(value)}, invoiced quarterly in arrears.
            3. Term. This agreement renews automatically unless terminated with 90 days' notice.
            Signed for the Supplier: ____________   Signed for the Customer: ____________
            """;
        return new InvoiceCase(id, text, new InvoiceTruth("contract", vendor, number, currency, value, InvoiceRouting.Legal));
    }

    private static void AppendLines(StringBuilder text, List<(string Item, int Quantity, decimal Price)> lines)
    {
        foreach (var (item, quantity, price) in lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {item,-28} {quantity,3} x {Money(price),10}   {Money(quantity * price),12}");
        }
    }
}
