using System.Runtime.InteropServices;
using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>propertyNames</c>: every property name, as a string instance, must match the schema.</summary>
internal sealed class PropertyNamesKeyword : KeywordValidator
{
    private readonly SchemaNode schema;

    public PropertyNamesKeyword(SchemaNode schema) => this.schema = schema;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            // The raw name is already valid JSON string content, so quoting it yields the name as a string instance.
            var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            var quoted = new byte[rawName.Length + 2];
            quoted[0] = (byte)'"';
            rawName.CopyTo(quoted.AsSpan(1));
            quoted[^1] = (byte)'"';
            using var name = JsonDocument.Parse(quoted);

            var errors = context.SwapErrors(null);
            bool nameValid;
            try
            {
                nameValid = schema.Evaluate(name.RootElement, context, null);
            }
            finally
            {
                context.SwapErrors(errors);
            }

            if (!nameValid)
            {
                valid = context.Fail("propertyNames", $"property name '{JsonStrings.GetName(property)}' is not allowed: {Applicators.Explain(schema, name.RootElement, context)}");
                if (context.StopEarly)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
