using System.Text;
using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>enum</c>: the instance must equal one of the listed values (JSON equality). String members compare without allocating.</summary>
internal sealed class EnumKeyword : KeywordValidator
{
    private readonly JsonElement[] values;
    private readonly byte[]?[] utf8Strings;
    private readonly string description;

    public EnumKeyword(JsonElement[] values)
    {
        this.values = values;
        utf8Strings = values.Select(v => v.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(JsonStrings.GetString(v)) : null).ToArray();
        var shown = string.Join(", ", values.Take(10).Select(v => v.GetRawText()));
        description = values.Length > 10 ? shown + ", ..." : shown;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        if (instance.ValueKind == JsonValueKind.String)
        {
            var body = JsonStrings.RawBody(instance);
            foreach (var candidate in utf8Strings)
            {
                if (candidate is not null && JsonStrings.EqualsUtf8(body, candidate))
                {
                    return true;
                }
            }
        }
        else
        {
            foreach (var candidate in values)
            {
                if (JsonEquality.AreEqual(instance, candidate))
                {
                    return true;
                }
            }
        }

        return context.Fail("enum", $"value must be one of: {description}");
    }
}
