using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary>
/// <c>properties</c>, <c>patternProperties</c> and <c>additionalProperties</c> in one pass over the instance, since
/// "additional" is defined by what the other two did not match. Names are compared as raw UTF-8; nothing is allocated
/// for a valid instance unless a name has escapes.
/// </summary>
internal sealed class PropertiesKeyword : KeywordValidator
{
    private readonly PropertyNameSet names;
    private readonly SchemaNode[] schemas;
    private readonly PatternSchema[] patterns;
    private readonly SchemaNode? additional;

    public PropertiesKeyword(PropertyNameSet names, SchemaNode[] schemas, PatternSchema[] patterns, SchemaNode? additional)
    {
        this.names = names;
        this.schemas = schemas;
        this.patterns = patterns;
        this.additional = additional;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var valid = true;
        var index = -1;
        foreach (var property in instance.EnumerateObject())
        {
            index++;
            var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            var matched = false;
            var propertyValid = true;

            var slot = names.Count == 0 ? -1 : names.Find(rawName);
            if (slot >= 0)
            {
                matched = true;
                propertyValid = EvaluateValue(schemas[slot], property, context);
            }

            foreach (var pattern in patterns)
            {
                if (!propertyValid && context.StopEarly)
                {
                    break;
                }

                bool isMatch;
                try
                {
                    isMatch = JsonStrings.IsMatch(rawName, pattern.Regex);
                }
                catch (RegexMatchTimeoutException)
                {
                    propertyValid = context.Fail("patternProperties", $"property '{JsonStrings.GetName(property)}' could not be checked against pattern '{pattern.Pattern}' in time");
                    continue;
                }

                if (isMatch)
                {
                    matched = true;
                    propertyValid &= EvaluateValue(pattern.Schema, property, context);
                }
            }

            if (!matched && additional is not null)
            {
                propertyValid &= additional.IsFalse
                    ? context.Fail("additionalProperties", $"property '{JsonStrings.GetName(property)}' is not allowed")
                    : EvaluateValue(additional, property, context);
            }

            if (tracker is not null && (matched || additional is not null))
            {
                tracker.MarkProperty(index);
            }

            if (!propertyValid)
            {
                valid = false;
                if (context.StopEarly)
                {
                    return false;
                }
            }
        }

        return valid;
    }

    private static bool EvaluateValue(SchemaNode schema, JsonProperty property, ValidationContext context)
    {
        if (!context.Collecting)
        {
            return schema.Evaluate(property.Value, context, null);
        }

        context.PushProperty(JsonStrings.GetName(property));
        try
        {
            return schema.Evaluate(property.Value, context, null);
        }
        finally
        {
            context.Pop();
        }
    }
}
