using Foreman.Models;
using Foreman.OpenAI.Tests.Loopback;
using Microsoft.Extensions.AI;

namespace Foreman.OpenAI.Tests;

public sealed class OpenAIChatClientProviderTests
{
    private static ModelEndpointOptions LocalOptions() => new() { Endpoint = new Uri("http://127.0.0.1:9/v1"), Model = "m" };

    [Fact]
    public void GetChatClient_SameModel_ReturnsTheSameClient()
    {
        var provider = new OpenAIChatClientProvider(LocalOptions());

        var first = provider.GetChatClient("a");

        provider.GetChatClient("a").ShouldBeSameAs(first);
        provider.GetChatClient("b").ShouldNotBeSameAs(first);
        ((OpenAIChatClient)provider.GetChatClient("b")).ModelId.ShouldBe("b");
    }

    [Fact]
    public void GetChatClient_ConcurrentCallers_ShareOneClientPerModel()
    {
        var provider = new OpenAIChatClientProvider(LocalOptions());

        var clients = new IChatClient[64];
        Parallel.For(0, clients.Length, i => clients[i] = provider.GetChatClient("shared"));

        clients.Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingTheErrors()
    {
        var error = Should.Throw<ArgumentException>(() => new OpenAIChatClientProvider(new ModelEndpointOptions { Endpoint = new Uri("http://127.0.0.1:9/v1") }));

        error.Message.ShouldContain("FOREMAN_MODEL");
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_HaveNoEffect()
    {
        var options = LocalOptions();
        options.FastModel = "small";
        var provider = new OpenAIChatClientProvider(options);

        options.FastModel = "changed";

        provider.TierModels[ModelTier.Fast].ShouldBe("small");
    }

    [Fact]
    public async Task CreateRouter_TierRequest_CallsTheConfiguredModelOverHttp()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("fast answer")));
        var options = TestEndpoints.Options(server);
        options.FastModel = "tiny-model";
        var router = new OpenAIChatClientProvider(options).CreateRouter();

        var (model, client) = router.Resolve(modelId: null, ModelTier.Fast);
        var response = await client.GetResponseAsync("Hi");

        model.Id.ShouldBe("tiny-model");
        model.ContextWindow.ShouldBe(ModelRouter.UnknownModelContextWindow);
        response.Text.ShouldBe("fast answer");
        server.Requests.Single().Json.GetProperty("model").GetString().ShouldBe("tiny-model");
    }
}
