using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Schema;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Samples.Invoices;

/// <summary>
/// Reads an invoice, identifies the vendor and purchase order through read-only back-office tools, and returns
/// validated fields. Shows output schemas, grounded fields and read-only permissions.
/// </summary>
public static partial class InvoiceExtractor
{
    /// <summary>The agent's instructions, written for a real model.</summary>
    public const string Instructions = """
        You are an accounts-payable clerk. You receive the text of one supplier invoice.
        1. Find the supplier's name in the invoice and call lookup_vendor with it to get the vendor id.
        2. Find the purchase-order number (format PO-0000) and call get_purchase_order to read the order.
        3. Compare the invoice total with the purchase order amount: matches_po is true only if they are equal
           and in the same currency.
        Never guess a vendor id or a PO number: take them from the tool results. If a tool returns an error,
        read it, fix your call and try again once. Report your confidence between 0 and 1.
        """;

    private const string OutputSchema = """
        {
          "type": "object",
          "properties": {
            "invoice_number": { "type": "string", "minLength": 1 },
            "vendor_id": { "type": "string", "pattern": "^V-[0-9]{4}$" },
            "po_number": { "type": "string", "pattern": "^PO-[0-9]{4}$" },
            "total": { "type": "number", "minimum": 0 },
            "currency": { "type": "string", "enum": ["EUR", "USD", "GBP"] },
            "matches_po": { "type": "boolean" },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 }
          },
          "required": ["invoice_number", "vendor_id", "po_number", "total", "currency", "matches_po", "confidence"],
          "additionalProperties": false
        }
        """;

    /// <summary>Gets the sample.</summary>
    public static SampleAgent Sample { get; } = new(
        "invoice-extractor",
        "Extracts invoice fields, checks vendor and purchase order through read-only tools.",
        Build,
        Play,
        """
        INVOICE INV-2026-0042
        From: Northwind Traders GmbH, Hafenstrasse 12, Hamburg
        Purchase order: PO-7731
        Date: 2026-11-02    Due: 2026-12-02

          Steel brackets       120 x 4.50    540.00
          Shipping                            35.00

        Total due: EUR 575.00
        """);

    /// <summary>Builds the agent.</summary>
    /// <returns>The agent.</returns>
    public static Agent Build()
    {
        var options = new AgentOptions
        {
            Name = "invoice-extractor",
            Instructions = Instructions,
            Tier = ModelTier.Fast,
            OutputSchema = JsonSchema.Parse(OutputSchema),
            AllowedEffects = ToolEffect.Read,
            Limits = new AgentLimits { MaxIterations = 6, MaxToolCalls = 8, MaxTokens = 40_000, MaxCost = 0.05m, Fallback = BudgetFallback.Escalate },
        };
        options.Tools.Add(LookupVendor);
        options.Tools.Add(GetPurchaseOrder);
        options.GroundedFields.Add(new GroundedField("/vendor_id"));
        options.GroundedFields.Add(new GroundedField("/po_number"));
        options.InputGuardrails.Add(new InputSizeGuardrail(20_000));
        options.InputGuardrails.Add(new PromptInjectionGuardrail());
        return Agent.Create(options);
    }

    private static readonly ForemanTool LookupVendor = Tool.Create(
        "lookup_vendor",
        "Finds a vendor in the vendor master by (part of) its name. Returns vendor_id, name, payment_terms_days and currency.",
        """{"type":"object","properties":{"name":{"type":"string","minLength":2,"maxLength":120}},"required":["name"],"additionalProperties":false}""",
        (invocation, _) =>
        {
            var name = invocation.Arguments.GetProperty("name").GetString()!;
            var vendor = BackOffice.Vendors.FirstOrDefault(v => v.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(v.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ToolException($"No vendor matches '{name}'. Use the company name as printed on the invoice.");
            return ValueTask.FromResult(JsonSerializer.SerializeToElement(new { vendor_id = vendor.VendorId, name = vendor.Name, payment_terms_days = vendor.PaymentTermsDays, currency = vendor.Currency }));
        },
        new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(5) });

    private static readonly ForemanTool GetPurchaseOrder = Tool.Create(
        "get_purchase_order",
        "Reads a purchase order by number (format PO-0000). Returns vendor_id, amount, currency and status.",
        """{"type":"object","properties":{"po_number":{"type":"string","pattern":"^PO-[0-9]{4}$"}},"required":["po_number"],"additionalProperties":false}""",
        (invocation, _) =>
        {
            var number = invocation.Arguments.GetProperty("po_number").GetString()!;
            var order = BackOffice.PurchaseOrders.FirstOrDefault(p => p.PoNumber == number)
                ?? throw new ToolException($"Purchase order {number} does not exist.");
            return ValueTask.FromResult(JsonSerializer.SerializeToElement(new { po_number = order.PoNumber, vendor_id = order.VendorId, amount = order.Amount, currency = order.Currency, status = order.Status }));
        },
        new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(5) });

    // How a competent model works through the invoice: vendor first, then the order, then the answer.
    private static SimulatedTurn Play(SimulationTurnContext context)
    {
        var request = SimulatedPlay.Request(context);
        var results = SimulatedPlay.SuccessfulResults(context);
        if (!results.TryGetValue("lookup_vendor", out var vendor))
        {
            var supplier = SupplierLine().Match(request) is { Success: true } m ? m.Groups["name"].Value.Split(',')[0].Trim() : "unknown";
            return SimulatedPlay.Call("lookup_vendor", new { name = supplier });
        }

        var po = PoNumber().Match(request).Value;
        if (!results.TryGetValue("get_purchase_order", out var order))
        {
            return SimulatedPlay.Call("get_purchase_order", new { po_number = po });
        }

        var total = TotalLine().Match(request);
        var currency = total.Success ? total.Groups["currency"].Value : "EUR";
        var amount = total.Success ? decimal.Parse(total.Groups["amount"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : 0m;
        var matches = order.GetProperty("amount").GetDecimal() == amount && order.GetProperty("currency").GetString() == currency;
        return SimulatedPlay.Answer(new
        {
            invoice_number = InvoiceNumber().Match(request).Groups["number"].Value,
            vendor_id = vendor.GetProperty("vendor_id").GetString(),
            po_number = order.GetProperty("po_number").GetString(),
            total = amount,
            currency,
            matches_po = matches,
            confidence = matches ? 0.93 : 0.71,
        });
    }

    [GeneratedRegex(@"From:\s*(?<name>[^\r\n]+)", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex SupplierLine();

    [GeneratedRegex(@"PO-[0-9]{4}", RegexOptions.None, 200)]
    private static partial Regex PoNumber();

    [GeneratedRegex(@"Total[^:\r\n]*:\s*(?<currency>EUR|USD|GBP)\s*(?<amount>[0-9,]+\.[0-9]{2})", RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, 200)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"INVOICE\s+(?<number>[A-Z0-9-]+)", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex InvoiceNumber();
}
