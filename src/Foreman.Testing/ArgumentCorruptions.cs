namespace Foreman.Testing;

/// <summary>The ways <see cref="FaultInjection.MalformedArgumentsRate"/> can spoil tool-call arguments.</summary>
[Flags]
public enum ArgumentCorruptions
{
    /// <summary>No corruption.</summary>
    None = 0,

    /// <summary>The JSON is cut off part-way, as when output hits a token limit: it no longer parses.</summary>
    TruncatedJson = 1,

    /// <summary>One property gets a value of the wrong type (a number as a string, an object stringified): it parses but breaks the schema.</summary>
    WrongType = 2,

    /// <summary>One property is dropped, a required one when the tool's schema names any: it parses but breaks the schema.</summary>
    MissingRequiredField = 4,

    /// <summary>Chatter or a stray bracket follows the JSON: it no longer parses.</summary>
    TrailingGarbage = 8,

    /// <summary>Every style.</summary>
    All = TruncatedJson | WrongType | MissingRequiredField | TrailingGarbage,
}
