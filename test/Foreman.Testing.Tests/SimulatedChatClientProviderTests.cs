using Foreman.Models;
using Microsoft.Extensions.AI;

namespace Foreman.Testing.Tests;

public sealed class SimulatedChatClientProviderTests
{
    [Fact]
    public async Task GetChatClient_PerModelId_ReturnsOneCachedClientReportingThatModel()
    {
        var created = new List<string>();
        var provider = new SimulatedChatClientProvider(model =>
        {
            created.Add(model);
            return new DelegateBehavior(_ => SimulatedTurn.Final(model));
        });

        var fast = provider.GetChatClient("simulated-fast");
        var premium = provider.GetChatClient("simulated-premium");

        provider.GetChatClient("simulated-fast").ShouldBeSameAs(fast);
        premium.ShouldNotBeSameAs(fast);
        created.ShouldBe(["simulated-fast", "simulated-premium"]);
        (await fast.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None)).ModelId.ShouldBe("simulated-fast");
        (await premium.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None)).Text.ShouldBe("simulated-premium");
        provider.Clients.Select(c => c.ModelId).ShouldBe(["simulated-fast", "simulated-premium"]);
    }

    [Fact]
    public async Task SharedScript_ContinuesAcrossModels_LikeAFallbackAfterA429()
    {
        // A fake clock stamps both calls with the same time: the log must still keep their real order.
        var provider = new SimulatedChatClientProvider(
            Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final("{}"),
            new SimulatedChatClientOptions { TimeProvider = new FakeTimeProvider() });
        var primary = provider.GetSimulatedClient("simulated-standard");
        primary.Faults = new FaultInjection { RateLimitRate = 1 };

        await Should.ThrowAsync<ModelCallException>(() => primary.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None));
        var fallback = await provider.GetChatClient("simulated-fast").GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);

        fallback.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        provider.Log.Select(r => (r.Sequence, r.ModelId, r.Faults)).ShouldBe([(1L, "simulated-standard", InjectedFaults.RateLimited), (2L, "simulated-fast", InjectedFaults.None)]);
    }

    [Fact]
    public void Faults_SetOnProvider_ReachExistingAndLaterClients()
    {
        var provider = new SimulatedChatClientProvider(Script.Final("x"), new SimulatedChatClientOptions { Faults = new FaultInjection { Seed = 3 } });
        var before = provider.GetSimulatedClient("a");
        before.Faults.Seed.ShouldBe(3);

        var faults = new FaultInjection { ErrorRate = 0.5 };
        provider.Faults = faults;
        var after = provider.GetSimulatedClient("b");

        before.Faults.ShouldBeSameAs(faults);
        after.Faults.ShouldBeSameAs(faults);
        provider.Faults.ShouldBeSameAs(faults);
    }

    [Fact]
    public void Options_ChangedAfterConstruction_DoNotAffectTheProvider()
    {
        var clock = new FakeTimeProvider();
        var options = new SimulatedChatClientOptions { TimeProvider = clock };
        var provider = new SimulatedChatClientProvider(Script.Final("x"), options);

        options.TimeProvider = TimeProvider.System;

        provider.GetSimulatedClient("m").TimeProvider.ShouldBeSameAs(clock);
    }

    [Fact]
    public void ModelRouter_WithSimulatedProvider_ResolvesSimulatedCatalogModels()
    {
        var provider = new SimulatedChatClientProvider(Script.Final("x"));
        var router = new ModelRouter(ModelCatalog.Default, provider, new Dictionary<ModelTier, string> { [ModelTier.Premium] = "simulated-premium" });

        var (model, client) = router.Resolve(null, ModelTier.Premium);

        model.Id.ShouldBe("simulated-premium");
        client.GetService<ChatClientMetadata>()!.DefaultModelId.ShouldBe("simulated-premium");
    }

    [Fact]
    public async Task GetChatClient_ConcurrentFirstUse_CreatesOneClientPerModel()
    {
        var calls = 0;
        var provider = new SimulatedChatClientProvider(_ =>
        {
            Interlocked.Increment(ref calls);
            return Script.Final("x");
        });

        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => provider.GetChatClient("m"))));

        clients.Distinct().Count().ShouldBe(1);
        calls.ShouldBe(1);
    }
}
