using System.ClientModel.Primitives;

namespace Foreman.OpenAI;

/// <summary>
/// Sends requests without credentials. Self-hosted servers (Ollama, vLLM, llama.cpp) usually need none, and sending
/// no header is more honest than the placeholder key the SDK's key-based constructors would otherwise force on us.
/// </summary>
internal sealed class NoAuthenticationPolicy : AuthenticationPolicy
{
    public static NoAuthenticationPolicy Instance { get; } = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessNext(message, pipeline, currentIndex);

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessNextAsync(message, pipeline, currentIndex);
}
