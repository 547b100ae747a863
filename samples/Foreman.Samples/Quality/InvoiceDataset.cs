using System.Globalization;
using System.Text.Json;
using Foreman.Quality;
using Foreman.Samples.Invoices;

namespace Foreman.Samples.Quality;

/// <summary>Generated invoices with their ground truth: the pipeline's inputs and its labelled dataset.</summary>
public static class InvoiceDataset
{
    /// <summary>Generates invoices deterministically from a seed.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The documents and, by document id, the expected output (JSON).</returns>
    public static (IReadOnlyList<InvoiceDocument> Documents, LabelledDataset Labels) Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var documents = new List<InvoiceDocument>(count);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            var vendor = BackOffice.Vendors[random.Next(BackOffice.Vendors.Count)];
            var amount = Math.Round((decimal)(random.NextDouble() * 5_000) + 10m, 2);
            var id = string.Create(CultureInfo.InvariantCulture, $"DOC-{seed}-{i:00000}");
            var text = string.Create(CultureInfo.InvariantCulture, $"""
                INVOICE INV-{seed}-{i:00000}
                From: {vendor.Name}, Main Street {i}
                Date: 2026-11-02

                  Goods and services                {amount:0.00}

                Total due: {vendor.Currency} {amount:0.00}
                """);
            documents.Add(new InvoiceDocument(id, text));
            expected[id] = JsonSerializer.Serialize(InvoiceReader.Expected(text, vendor.VendorId, 1.0));
        }

        return (documents, new LabelledDataset(expected));
    }
}
