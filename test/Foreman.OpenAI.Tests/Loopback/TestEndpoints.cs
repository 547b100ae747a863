namespace Foreman.OpenAI.Tests.Loopback;

/// <summary>Options and clients pointed at a loopback server.</summary>
internal static class TestEndpoints
{
    public static ModelEndpointOptions Options(LoopbackOpenAIServer server, TimeSpan? timeout = null) => new()
    {
        Endpoint = server.BaseUrl,
        Model = "test-model",
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    public static OpenAIChatClient Client(LoopbackOpenAIServer server, TimeSpan? timeout = null) => new(Options(server, timeout));
}
