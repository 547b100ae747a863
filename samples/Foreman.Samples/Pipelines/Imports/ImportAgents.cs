using System.Globalization;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Testing;

namespace Foreman.Samples.Pipelines.Imports;

/// <summary>
/// The agents of the import pipeline: a top-level classifier (the router of the top supervisor), and per document
/// type a text-field extractor and three amount readers (the consensus). Prompts are written for a real model;
/// the simulated model plays them with realistic mistakes.
/// </summary>
public static partial class ImportAgents
{
    /// <summary>The classifier's instructions.</summary>
    public const string ClassifierInstructions = """
        You sort the documents of incoming import shipments for a customs broker.
        Classify the document by its title and content as exactly one route:
        commercial_invoice, packing_list, bill_of_lading or customs_declaration.
        Give a one-line reason quoting the title, and your confidence between 0 and 1.
        """;

    private const string ClassifierSchema = """
        {"type":"object","properties":{
          "route":{"enum":["commercial_invoice","packing_list","bill_of_lading","customs_declaration"]},
          "reason":{"type":"string","maxLength":300},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["route","reason","confidence"],"additionalProperties":false}
        """;

    private const string TextSchema = """
        {"type":"object","properties":{
          "supplier":{"type":"string","minLength":2,"maxLength":160},
          "goods_description":{"type":"string","minLength":2,"maxLength":300},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["supplier","goods_description","confidence"],"additionalProperties":false}
        """;

    private const string AmountSchema = """
        {"type":"object","properties":{
          "value":{"type":"number","exclusiveMinimum":0},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["value","confidence"],"additionalProperties":false}
        """;

    /// <summary>Options of the classifier.</summary>
    /// <returns>The options.</returns>
    public static AgentOptions Classifier() => Invoices.InvoiceAgents.Options("import-classifier", ClassifierInstructions, ClassifierSchema);

    /// <summary>Options of the text-field extractor of a type.</summary>
    /// <param name="type">The document type.</param>
    /// <returns>The options.</returns>
    public static AgentOptions Text(ImportDocumentType type) =>
        Invoices.InvoiceAgents.Options($"{type.Type.Replace('_', '-')}-text", TextInstructions(type), TextSchema);

    /// <summary>Options of amount reader <paramref name="instance"/> (0 to 2) of a type.</summary>
    /// <param name="type">The document type.</param>
    /// <param name="instance">The instance.</param>
    /// <returns>The options.</returns>
    public static AgentOptions Amount(ImportDocumentType type, int instance) =>
        Invoices.InvoiceAgents.Options(string.Create(CultureInfo.InvariantCulture, $"{type.Type.Replace('_', '-')}-amount-{(char)('a' + instance)}"), AmountInstructions(type, instance), AmountSchema);

    /// <summary>The text extractor's instructions for a type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The instructions.</returns>
    public static string TextInstructions(ImportDocumentType type) => $"""
        You read a {type.Title.ToLowerInvariant()} for a customs broker.
        Return supplier: the party printed after "{type.PartyLabel}:", exactly as printed, and goods_description:
        the text after "{type.GoodsLabel}:", exactly as printed. Never use the consignee. Report your confidence between 0 and 1.
        """;

    /// <summary>The instructions of amount reader <paramref name="instance"/> for a type.</summary>
    /// <param name="type">The type.</param>
    /// <param name="instance">The instance (0 to 2).</param>
    /// <returns>The instructions.</returns>
    public static string AmountInstructions(ImportDocumentType type, int instance) => instance switch
    {
        0 => $"""
            You read one figure from a {type.Title.ToLowerInvariant()}: the {type.AmountLabel.ToLowerInvariant()} ({type.AmountUnit}).
            Return value as a plain number without thousands separators or unit. Do not confuse it with the {type.DistractorLabel.ToLowerInvariant()}.
            Report your confidence between 0 and 1.
            """,
        1 => $"""
            A customs broker needs the {type.AmountLabel.ToLowerInvariant()} of this {type.Title.ToLowerInvariant()}, in {type.AmountUnit}.
            Find the line labelled "{type.AmountLabel}" and copy its number as a plain number (12,480.00 becomes 12480.00).
            Report your confidence between 0 and 1.
            """,
        _ => $"""
            Check this {type.Title.ToLowerInvariant()} and report the figure labelled "{type.AmountLabel}" as value, a plain
            number in {type.AmountUnit}. Other figures on the page, such as "{type.DistractorLabel}", are not the answer.
            Report your confidence between 0 and 1.
            """,
    };

    internal static void Register(SampleSimulation simulation)
    {
        var rates = simulation.Rates;
        simulation.Add(ClassifierInstructions, context =>
        {
            var text = DocumentText(context);
            var type = ImportDocumentType.All.FirstOrDefault(t => text.Contains(t.Title, StringComparison.Ordinal)) ?? ImportDocumentType.All[0];
            if (context.Random.NextDouble() < rates.ClassificationError)
            {
                var other = ImportDocumentType.All[(ImportDocumentType.All.ToList().IndexOf(type) + 1 + context.Random.Next(3)) % 4];
                return SimulatedPlay.Answer(new { route = other.Type, reason = "the layout resembles it", confidence = 0.71 });
            }

            return SimulatedPlay.Answer(new { route = type.Type, reason = $"titled {type.Title}", confidence = 0.97 });
        });
        foreach (var type in ImportDocumentType.All)
        {
            simulation.Add(TextInstructions(type), context =>
            {
                var text = DocumentText(context);
                var supplier = Field(text, type.PartyLabel);
                var goods = Field(text, type.GoodsLabel);
                if (context.Random.NextDouble() < rates.FieldError)
                {
                    if (context.Random.Next(2) == 0)
                    {
                        supplier = Mistakes.Clip(supplier);
                    }
                    else
                    {
                        goods = Mistakes.Clip(goods);
                    }
                }

                return SimulatedPlay.Answer(new { supplier, goods_description = goods, confidence = 0.92 });
            });
            for (var i = 0; i < 3; i++)
            {
                simulation.Add(AmountInstructions(type, i), context =>
                {
                    var text = DocumentText(context);
                    var value = Number(Field(text, type.AmountLabel));
                    if (context.Random.NextDouble() < rates.AmountError)
                    {
                        value = context.Random.Next(3) == 0 ? Number(Field(text, type.DistractorLabel)) : Mistakes.Misread(value, context.Random);
                    }

                    return SimulatedPlay.Answer(new { value, confidence = 0.9 });
                });
            }
        }
    }

    // The sub-supervisors pass {"text": ...}; the simulated reader, like a model, reads the text inside.
    private static string DocumentText(SimulationTurnContext context)
    {
        var request = SimulatedPlay.Request(context);
        if (request.StartsWith('{'))
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(request);
                if (document.RootElement.TryGetProperty("text", out var text) && text.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    return text.GetString()!;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON after all: read it as it is.
            }
        }

        return request;
    }

    private static string Field(string text, string label)
    {
        var start = text.IndexOf(label + ":", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var rest = text[(start + label.Length + 1)..];
        var end = rest.IndexOfAny(['\r', '\n']);
        return (end < 0 ? rest : rest[..end]).Trim();
    }

    private static decimal Number(string text) =>
        NumberPattern().Match(text) is { Success: true } m ? decimal.Parse(m.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : 0m;

    [GeneratedRegex(@"[0-9][0-9,]*\.[0-9]{2}", RegexOptions.None, 200)]
    private static partial Regex NumberPattern();
}
