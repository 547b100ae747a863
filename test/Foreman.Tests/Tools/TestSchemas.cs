namespace Foreman.Tests.Tools;

/// <summary>Argument schemas shared by the guard tests.</summary>
internal static class TestSchemas
{
    /// <summary>An order: a patterned customer id, a bounded integer quantity, an optional short note, nothing else.</summary>
    public const string Order = """
        {
          "type": "object",
          "properties": {
            "customer_id": { "type": "string", "pattern": "^C[0-9]{4}$" },
            "quantity": { "type": "integer", "minimum": 1, "maximum": 100 },
            "note": { "type": "string", "maxLength": 20 }
          },
          "required": ["customer_id", "quantity"],
          "additionalProperties": false
        }
        """;

    /// <summary>A lookup by id.</summary>
    public const string Lookup = """
        {
          "type": "object",
          "properties": { "id": { "type": "string" } },
          "required": ["id"],
          "additionalProperties": false
        }
        """;

    /// <summary>Anything that is an object.</summary>
    public const string AnyObject = """{ "type": "object" }""";

    public const string ValidOrder = """{"customer_id":"C1234","quantity":3}""";
}
