using System.ClientModel.Primitives;
using System.Text.Json;

namespace Foreman.OpenAI;

/// <summary>
/// Checks that a successful, buffered chat-completion response has the shape the SDK relies on before the SDK reads
/// it. Without this, a body such as <c>{}</c> or <c>[1]</c> surfaces from deep inside the SDK as an
/// <see cref="ArgumentOutOfRangeException"/> or <see cref="InvalidOperationException"/>, indistinguishable from a
/// bug; here it becomes a <see cref="JsonException"/>, which is reported as a truncated response.
/// </summary>
internal sealed class ResponseShapePolicy : PipelinePolicy
{
    public static ResponseShapePolicy Instance { get; } = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Check(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex);
        Check(message);
    }

    private static void Check(PipelineMessage message)
    {
        // Streamed responses are checked chunk by chunk by the SDK's own parser; error responses by its error path.
        if (!message.BufferResponse || message.Response is not { IsError: false } response)
        {
            return;
        }

        using var document = JsonDocument.Parse(response.Content);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"The chat completion is a JSON {root.ValueKind}, not an object.");
        }

        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            throw new JsonException("The chat completion has no choices.");
        }

        if (choices[0].ValueKind != JsonValueKind.Object || !choices[0].TryGetProperty("message", out var first) || first.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The chat completion's first choice has no message.");
        }
    }
}
