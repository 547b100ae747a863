using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Foreman.Testing.Tests;

/// <summary>Tools and conversations shared by the simulated-model tests.</summary>
internal static class TestConversations
{
    public static readonly AIFunctionDeclaration Lookup = AIFunctionFactory.CreateDeclaration(
        "lookup",
        "Looks an order up by id.",
        JsonDocument.Parse("""
            {
              "type": "object",
              "properties": { "verbose": { "type": "boolean" }, "id": { "type": "string" } },
              "required": ["id"]
            }
            """).RootElement.Clone());

    public static readonly AIFunctionDeclaration Refund = AIFunctionFactory.CreateDeclaration(
        "refund",
        "Refunds an order.",
        JsonDocument.Parse("""{"type":"object","properties":{"id":{"type":"string"},"amount":{"type":"number"}},"required":["id","amount"]}""").RootElement.Clone());

    public static ChatOptions Options => new() { Tools = [Lookup, Refund] };

    public static List<ChatMessage> Ask(string question) => [new(ChatRole.User, question)];

    /// <summary>A conversation in which the model already called lookup once and got a result.</summary>
    public static List<ChatMessage> AfterLookup(string argumentsJson = """{"id":"A0"}""", string result = """{"status":"shipped","total":120.5}""")
    {
        var call = new FunctionCallContent("call_prev", "lookup", JsonSerializer.Deserialize<Dictionary<string, object?>>(argumentsJson));
        call.AdditionalProperties = new() { [SimulatedChatClient.RawArgumentsKey] = argumentsJson };
        return
        [
            new(ChatRole.User, "Where is order A0?"),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_prev", JsonDocument.Parse(result).RootElement.Clone())]),
        ];
    }

    /// <summary>Appends what the model said, as an agent loop would.</summary>
    public static void Append(List<ChatMessage> conversation, ChatResponse response) => conversation.AddRange(response.Messages);

    public static string Raw(FunctionCallContent call) => (string)call.AdditionalProperties![SimulatedChatClient.RawArgumentsKey]!;

    public static bool IsValidJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
