using System.Text.Json;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Testing;
using Foreman.Tools;
using Microsoft.Extensions.AI;

namespace Foreman.Tests.Agents;

/// <summary>Model fallback that sticks, verifiers that fail, and clients that time out on their own.</summary>
public sealed class AgentRuntimeResilienceTests
{
    [Fact]
    public async Task RunAsync_PrimaryModelDown_FallbackTakesOverForTheRestOfTheRun()
    {
        var primary = new SimulatedChatClient(new DelegateBehavior(_ => SimulatedTurn.Final("unused")), new SimulatedChatClientOptions { ModelId = "primary", Faults = FaultInjection.None with { ServerErrorRate = 1 } });
        var backup = new SimulatedChatClient(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()), new SimulatedChatClientOptions { ModelId = "backup" });
        using var runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, new ByIdProvider(new Dictionary<string, IChatClient>(StringComparer.Ordinal) { ["primary"] = primary, ["backup"] = backup })));
        var options = TestAgents.Options(Tool.Create("lookup", "Reads an order.", """{"type":"object"}""", (_, _) => ValueTask.FromResult(JsonSerializer.SerializeToElement(new { order_id = "A1", status = "shipped" }))));
        options.Model = "primary";
        options.FallbackModel = "backup";
        options.ModelRetries = 0;

        var result = await runtime.RunAsync(Agent.Create(options), new AgentRequest("Where is order A1?"));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        primary.CallCount.ShouldBe(1, "after the first failure every later turn went straight to the fallback");
        backup.CallCount.ShouldBe(2);
        result.Model.ShouldBe("backup");
    }

    [Fact]
    public async Task RunAsync_VerifierThrows_ValueIsRefusedAndTheRunDoesNotCrash()
    {
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()).Then.Final(TestAgents.Answer()).Then.Final(TestAgents.Answer()));
        var options = TestAgents.Options(Tool.Create("lookup", "Reads an order.", """{"type":"object"}""", (_, _) => ValueTask.FromResult(JsonSerializer.SerializeToElement(new { order_id = "A1", status = "shipped" }))));
        options.GroundedFields.Add(new GroundedField("/order_id", new ThrowingVerifier()));

        var result = await harness.RunAsync(Agent.Create(options));

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.OutputRejected);
        result.OutputProblems.ShouldContain(p => p.Contains("could not be verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ClientTimesOutOnItsOwn_IsRetriedAsATransientTimeout()
    {
        // Real clock: the single retry waits Polly's first backoff (about half a second).
        var flaky = new SelfCancellingClient(new SimulatedChatClient(Script.Final(TestAgents.Answer())), failures: 1);
        using var runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, new ByIdProvider(new Dictionary<string, IChatClient>(StringComparer.Ordinal) { [TestAgents.ModelId] = flaky })));

        var result = await runtime.RunAsync(TestAgents.Create(), new AgentRequest("Where is order A1?"));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.ModelCalls.Count.ShouldBe(2);
        result.ModelCalls[1].IsRetry.ShouldBeTrue();
    }

    private sealed class ByIdProvider(IReadOnlyDictionary<string, IChatClient> clients) : IChatClientProvider
    {
        public IChatClient GetChatClient(string modelId) => clients[modelId];
    }

    private sealed class ThrowingVerifier : IGroundingVerifier
    {
        public ValueTask<string?> VerifyAsync(string pointer, JsonElement value, CancellationToken cancellationToken) =>
            throw new HttpRequestException("the order database is unreachable");
    }

    // Throws the TaskCanceledException an HttpClient throws when its own timeout passes, then behaves.
    private sealed class SelfCancellingClient(IChatClient inner, int failures) : DelegatingChatClient(inner)
    {
        private int _remaining = failures;

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Decrement(ref _remaining) >= 0
                ? throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.")
                : base.GetResponseAsync(messages, options, cancellationToken);
    }
}
