using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Foreman.Tools;

/// <summary>The outcome of a tool call: a JSON value, or a <see cref="ToolError"/>.</summary>
public readonly struct ToolResult
{
    private ToolResult(JsonElement value, ToolError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Gets the result value; <see cref="JsonValueKind.Undefined"/> when the call failed.</summary>
    public JsonElement Value { get; }

    /// <summary>Gets the error, or <see langword="null"/> when the call succeeded.</summary>
    public ToolError? Error { get; }

    /// <summary>Gets a value indicating whether the call succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Creates a successful result.</summary>
    /// <param name="value">The value the tool returned.</param>
    /// <returns>The result.</returns>
    public static ToolResult Success(JsonElement value) => new(value, null);

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static ToolResult Failure(ToolError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
