using System.Globalization;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Models;
using Foreman.Patterns.Tiering;
using Foreman.Schema;
using Foreman.Testing;

namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>
/// The agents of the invoice pipeline: a classifier, a header extractor and three differently prompted amount
/// readers for the three-way consensus, with their prompts (written for a real model) and how the simulated
/// model plays them, mistakes included.
/// </summary>
public static partial class InvoiceAgents
{
    /// <summary>The classifier's instructions.</summary>
    public const string ClassifierInstructions = """
        You sort the documents that arrive in an accounts-payable mailbox.
        Classify the document as exactly one of:
        - invoice: a supplier's bill that asks for payment (invoice, tax invoice, bill);
        - contract: an agreement that sets terms between two parties (service agreement, framework contract);
        - other: anything else (a reminder, a delivery note, marketing).
        Give a one-line reason that quotes the words that decided it, and your confidence between 0 and 1.
        """;

    /// <summary>The header extractor's instructions.</summary>
    public const string HeaderInstructions = """
        You extract the header of one supplier invoice for accounts payable.
        - vendor: the supplier's legal name exactly as printed, including its legal form (GmbH, Ltd, BV, SA).
          The supplier is the party sending the invoice, never the customer.
        - invoice_number: the invoice number exactly as printed (for example INV-2026-12345).
        - currency: the ISO code of the amounts (EUR, USD or GBP).
        Copy values character for character; do not correct or abbreviate them. Report your confidence between 0 and 1.
        """;

    /// <summary>The instructions of the three amount readers, one per consensus instance.</summary>
    public static IReadOnlyList<string> AmountInstructions { get; } =
    [
        """
        You read the amount a supplier invoice asks to be paid.
        Return total: the final amount payable including tax, as a plain number with a dot for decimals and no
        thousands separators (12,480.00 becomes 12480.00). Do not return the net amount or the tax line.
        Return currency as the ISO code printed next to it, and your confidence between 0 and 1.
        """,
        """
        You check the arithmetic of a supplier invoice before it is paid.
        Find the net amount and the tax printed on the invoice, add them, and compare the sum with the printed
        total payable. Return total: the printed total payable (including tax) as a plain number without thousands
        separators, the ISO currency code, and your confidence between 0 and 1 (lower it if the sum does not match).
        """,
        """
        Find the line of this invoice that states the amount due: it is labelled Total due, Amount payable,
        Grand total or similar, and it is usually the last amount on the page.
        Return total: that amount as a plain number without thousands separators or currency symbol, currency:
        its ISO code, and your confidence between 0 and 1.
        """,
    ];

    private const string ClassifierSchema = """
        {"type":"object","properties":{
          "document_type":{"enum":["invoice","contract","other"]},
          "reason":{"type":"string","maxLength":300},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["document_type","reason","confidence"],"additionalProperties":false}
        """;

    /// <summary>The header extractor's output contract.</summary>
    public const string HeaderSchema = """
        {"type":"object","properties":{
          "vendor":{"type":"string","minLength":2,"maxLength":120},
          "invoice_number":{"type":"string","pattern":"^[A-Z]{2,4}-[0-9-]{4,16}$"},
          "currency":{"enum":["EUR","USD","GBP"]},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["vendor","invoice_number","currency","confidence"],"additionalProperties":false}
        """;

    /// <summary>The amount readers' output contract.</summary>
    public const string AmountSchema = """
        {"type":"object","properties":{
          "total":{"type":"number","exclusiveMinimum":0},
          "currency":{"enum":["EUR","USD","GBP"]},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["total","currency","confidence"],"additionalProperties":false}
        """;

    /// <summary>Gets the tiering of the pipeline's task types: all reading and sorting on the fast tier, the standard tier when a fast run fails.</summary>
    public static TierPolicy Tiers { get; } = new TierPolicy { DefaultTier = ModelTier.Standard }
        .Route("classify", ModelTier.Fast)
        .Route("extract-header", ModelTier.Fast)
        .Route("read-amount", ModelTier.Fast)
        .FallBackToTier(ModelTier.Fast, ModelTier.Standard);

    /// <summary>Options of the classifier.</summary>
    /// <returns>The options.</returns>
    public static AgentOptions Classifier() => Options("invoice-classifier", ClassifierInstructions, ClassifierSchema);

    /// <summary>Options of the header extractor.</summary>
    /// <returns>The options.</returns>
    public static AgentOptions Header() => Options("invoice-header", HeaderInstructions, HeaderSchema);

    /// <summary>Options of amount reader <paramref name="instance"/> (0, 1 or 2).</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>The options.</returns>
    public static AgentOptions AmountReader(int instance) =>
        Options(string.Create(CultureInfo.InvariantCulture, $"invoice-amount-{(char)('a' + instance)}"), AmountInstructions[instance], AmountSchema);

    internal static AgentOptions Options(string name, string instructions, string schema) => new()
    {
        Name = name,
        Instructions = instructions,
        Tier = ModelTier.Fast,
        OutputSchema = JsonSchema.Parse(schema),
        Temperature = 0.7f,
        MaxOutputTokens = 400,
        Limits = new AgentLimits { MaxIterations = 3, MaxToolCalls = 0, MaxTokens = 20_000, Fallback = BudgetFallback.Escalate },
    };

    internal static void Register(SampleSimulation simulation)
    {
        var rates = simulation.Rates;
        simulation.Add(ClassifierInstructions, context =>
        {
            var text = SimulatedPlay.Request(context);
            var type = text.Contains("AGREEMENT", StringComparison.Ordinal) ? "contract" : text.Contains("invoice", StringComparison.OrdinalIgnoreCase) ? "invoice" : "other";
            if (context.Random.NextDouble() < rates.ClassificationError)
            {
                return SimulatedPlay.Answer(new { document_type = type == "invoice" ? "contract" : "invoice", reason = "the document mentions payment terms", confidence = 0.74 });
            }

            return SimulatedPlay.Answer(new { document_type = type, reason = type == "contract" ? "titled SERVICE AGREEMENT, sets terms between two parties" : "asks for payment of a total due", confidence = 0.96 });
        });
        simulation.Add(HeaderInstructions, context =>
        {
            var text = SimulatedPlay.Request(context);
            var vendor = VendorLine().Match(text) is { Success: true } m ? m.Groups["name"].Value.Trim() : text.Split('\n')[0].Trim();
            if (context.Random.NextDouble() < rates.FieldError)
            {
                vendor = Mistakes.Clip(vendor);
            }

            var number = InvoiceNumber().Match(text).Value;
            var currency = Currency().Match(text).Value;
            return SimulatedPlay.Answer(new { vendor, invoice_number = number, currency = currency.Length == 0 ? "EUR" : currency, confidence = 0.93 });
        });
        foreach (var instructions in AmountInstructions)
        {
            simulation.Add(instructions, context => PlayAmount(context, rates));
        }
    }

    private static SimulatedTurn PlayAmount(SimulationTurnContext context, SimulationRates rates)
    {
        var text = SimulatedPlay.Request(context);
        var total = TotalLine().Match(text);
        var currency = Currency().Match(text).Value;
        var amount = total.Success ? ParseMoney(total.Groups["amount"].Value) : 0m;
        if (context.Random.NextDouble() < rates.AmountError)
        {
            // The usual misreads: the net amount or the tax line for the total, or a digit slip.
            var net = NetLine().Match(text);
            var tax = TaxLine().Match(text);
            amount = context.Random.Next(4) switch
            {
                0 when net.Success && ParseMoney(net.Groups["amount"].Value) != amount => ParseMoney(net.Groups["amount"].Value),
                1 when tax.Success && ParseMoney(tax.Groups["amount"].Value) > 0 => ParseMoney(tax.Groups["amount"].Value),
                _ => Mistakes.Misread(amount, context.Random),
            };
        }

        return SimulatedPlay.Answer(new { total = amount, currency = currency.Length == 0 ? "EUR" : currency, confidence = 0.9 });
    }

    private static decimal ParseMoney(string text) => decimal.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:From|Seller):\s*(?<name>[^\r\n]+)", RegexOptions.Multiline | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex VendorLine();

    [GeneratedRegex(@"INV-[0-9]{4}-[0-9]{5}", RegexOptions.None, 200)]
    private static partial Regex InvoiceNumber();

    [GeneratedRegex(@"\b(?:EUR|USD|GBP)\b", RegexOptions.None, 200)]
    private static partial Regex Currency();

    [GeneratedRegex(@"(?:Total due|Amount payable|Grand total)[^0-9\r\n]*(?<amount>[0-9][0-9,]*\.[0-9]{2})", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"(?:Subtotal|Net amount|Goods total)[^0-9\r\n]*(?<amount>[0-9][0-9,]*\.[0-9]{2})", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex NetLine();

    [GeneratedRegex(@"(?:VAT [0-9]+ ?%|Tax)[^0-9\r\n]*(?<amount>[0-9][0-9,]*\.[0-9]{2})", RegexOptions.ExplicitCapture, 200)]
    private static partial Regex TaxLine();
}
