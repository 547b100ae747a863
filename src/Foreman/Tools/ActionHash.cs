using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Foreman.Tools;

/// <summary>
/// A stable fingerprint of an exact action (tool name + canonical arguments). Approvals bind to it, so the call
/// that executes must be the one a human saw.
/// </summary>
public static class ActionHash
{
    /// <summary>Computes the lowercase hex SHA-256 of the tool name and its arguments in canonical form.</summary>
    /// <param name="toolName">The tool.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>64 hex characters.</returns>
    public static string Compute(string toolName, JsonElement arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(toolName);
            CanonicalJson.Write(writer, arguments);
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
