using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Samples.Invoices;
using Foreman.Schema;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Samples.Quality;

/// <summary>
/// The agent of the monitored pipeline: reads an invoice, looks its vendor up, returns the fields. Its output
/// schema checks shape only, so a subtly wrong answer (a total off by a few percent) passes validation: only
/// ground truth can catch it, which is what quality monitoring is for.
/// </summary>
public static partial class InvoiceReader
{
    /// <summary>The agent's name.</summary>
    public const string Name = "invoice-reader";

    /// <summary>The task type the pipeline reports quality under.</summary>
    public const string TaskType = "invoice-extraction";

    private const string OutputSchema = """
        {
          "type": "object",
          "properties": {
            "invoice_number": { "type": "string", "minLength": 1 },
            "vendor_id": { "type": "string", "minLength": 1 },
            "total": { "type": "number", "minimum": 0 },
            "currency": { "type": "string", "minLength": 3, "maxLength": 3 },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 }
          },
          "required": ["invoice_number", "vendor_id", "total", "currency", "confidence"],
          "additionalProperties": false
        }
        """;

    private static readonly ForemanTool LookupVendor = Tool.Create(
        "lookup_vendor",
        "Finds a vendor by (part of) its name. Returns vendor_id and name.",
        """{"type":"object","properties":{"name":{"type":"string","minLength":2}},"required":["name"],"additionalProperties":false}""",
        (invocation, _) =>
        {
            var name = invocation.Arguments.GetProperty("name").GetString()!;
            var vendor = BackOffice.Vendors.FirstOrDefault(v => v.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(v.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ToolException($"No vendor matches '{name}'.");
            return ValueTask.FromResult(JsonSerializer.SerializeToElement(new { vendor_id = vendor.VendorId, name = vendor.Name }));
        },
        new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(5) });

    /// <summary>Builds the agent.</summary>
    /// <returns>The agent.</returns>
    public static Agent Build()
    {
        var options = new AgentOptions
        {
            Name = Name,
            Instructions = "Read the invoice. Call lookup_vendor with the supplier's name, then answer with the invoice number, vendor id, total, currency and your confidence.",
            Tier = ModelTier.Fast,
            OutputSchema = JsonSchema.Parse(OutputSchema),
            AllowedEffects = ToolEffect.Read,
        };
        options.Tools.Add(LookupVendor);
        return Agent.Create(options);
    }

    /// <summary>How a competent simulated model plays the agent: look the vendor up, then answer from the text.</summary>
    /// <param name="context">The turn.</param>
    /// <returns>The model's turn.</returns>
    public static SimulatedTurn Play(SimulationTurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = SimulatedPlay.Request(context);
        var results = SimulatedPlay.SuccessfulResults(context);
        if (!results.TryGetValue("lookup_vendor", out var vendor))
        {
            return SimulatedPlay.Call("lookup_vendor", new { name = Supplier().Match(request).Groups["name"].Value.Trim() });
        }

        return SimulatedPlay.Answer(Expected(request, vendor.GetProperty("vendor_id").GetString()!, 0.93));
    }

    /// <summary>The correct answer for an invoice text (what the dataset labels it with).</summary>
    /// <param name="text">The invoice.</param>
    /// <param name="vendorId">The vendor's id.</param>
    /// <param name="confidence">The confidence to report.</param>
    /// <returns>The answer.</returns>
    internal static object Expected(string text, string vendorId, double confidence)
    {
        var total = Total().Match(text);
        return new
        {
            invoice_number = Number().Match(text).Groups["number"].Value,
            vendor_id = vendorId,
            total = decimal.Parse(total.Groups["amount"].Value, CultureInfo.InvariantCulture),
            currency = total.Groups["currency"].Value,
            confidence,
        };
    }

    [GeneratedRegex(@"From:\s*(?<name>[^\r\n,]+)", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex Supplier();

    [GeneratedRegex(@"Total due:\s*(?<currency>[A-Z]{3})\s*(?<amount>[0-9]+\.[0-9]{2})", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex Total();

    [GeneratedRegex(@"INVOICE\s+(?<number>[A-Z0-9-]+)", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex Number();
}
