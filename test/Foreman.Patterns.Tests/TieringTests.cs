using System.Text.Json;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Patterns.Tiering;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Tests;

public sealed class TieringTests
{
    private const string Schema = """{"type":"object","properties":{"label":{"enum":["invoice","contract"]}},"required":["label"]}""";

    [Fact]
    public void TierPolicy_RoutesTaskTypesToTiers_WithADefault()
    {
        var policy = new TierPolicy { DefaultTier = ModelTier.Standard }.Route("classify", ModelTier.Fast).Route("negotiate", ModelTier.Premium).FallBack(ModelTier.Fast, "gpt-4.1-mini");

        policy.TierFor("classify").ShouldBe(ModelTier.Fast);
        policy.TierFor("negotiate").ShouldBe(ModelTier.Premium);
        policy.TierFor("extract").ShouldBe(ModelTier.Standard);
        policy.FallbacksFor(ModelTier.Fast).ShouldBe(["gpt-4.1-mini"]);
        policy.FallbacksFor(ModelTier.Premium).ShouldBeEmpty();
    }

    [Fact]
    public async Task TieredWorker_TierModelFails_FallsBackToTheNextModel()
    {
        // The fast tier's default model answers outside the contract; the fallback model answers correctly.
        var (runtime, provider) = PatternHarness.Runtime((model, _) => model == "gpt-4o-mini" ? """{"label":"receipt"}""" : """{"label":"invoice"}""");
        using var __ = runtime;
        var policy = new TierPolicy().Route("classify", ModelTier.Fast).FallBack(ModelTier.Fast, "gpt-4.1-mini");
        var worker = new TieredAgentWorker(runtime, policy, "classify", () => new AgentOptions { Name = "classifier", Instructions = "Classify.", OutputSchema = Foreman.Schema.JsonSchema.Parse(Schema), MaxOutputCorrections = 0 });

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => worker.ExecuteAsync(ctx, new WorkTask("t", "classify", JsonSerializer.SerializeToElement("INVOICE 1"))));
        await using var _ = engine;

        worker.Tier.ShouldBe(ModelTier.Fast);
        result.Status.ShouldBe(WorkStatus.Success);
        result.Model.ShouldBe("gpt-4.1-mini");
        result.Output!.Value.GetProperty("label").GetString().ShouldBe("invoice");
        provider.Log.Select(r => r.ModelId).ShouldBe(["gpt-4o-mini", "gpt-4.1-mini"]);
        result.ModelCalls.ShouldBe(2, "the failed run on the tier model is accounted too");
    }

    [Fact]
    public async Task TieredWorker_ModelsExhausted_FallsBackToTheNextTier()
    {
        // Both fast models answer outside the contract; the standard tier's model gets it right.
        var (runtime, provider) = PatternHarness.Runtime((model, _) => model is "gpt-4o-mini" or "gpt-4.1-mini" ? """{"label":"receipt"}""" : """{"label":"contract"}""");
        using var __ = runtime;
        var policy = new TierPolicy().Route("classify", ModelTier.Fast).FallBack(ModelTier.Fast, "gpt-4.1-mini").FallBackToTier(ModelTier.Fast, ModelTier.Standard);
        var worker = new TieredAgentWorker(runtime, policy, "classify", () => new AgentOptions { Name = "classifier", Instructions = "Classify.", OutputSchema = Foreman.Schema.JsonSchema.Parse(Schema), MaxOutputCorrections = 0 });

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => worker.ExecuteAsync(ctx, new WorkTask("t", "classify", JsonSerializer.SerializeToElement("AGREEMENT"))));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Success);
        result.Model.ShouldBe("gpt-4.1", "the standard tier's catalog default");
        provider.Log.Select(r => r.ModelId).ShouldBe(["gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1"]);
        policy.TierFallbacksFor(ModelTier.Fast).ShouldBe([ModelTier.Standard]);
    }

    [Fact]
    public async Task TieredWorker_TierModelSucceeds_NeverCallsTheFallback()
    {
        var (runtime, provider) = PatternHarness.Runtime((_, _) => """{"label":"contract"}""");
        using var __ = runtime;
        var policy = new TierPolicy().Route("classify", ModelTier.Premium).FallBack(ModelTier.Premium, "gpt-4o");
        var worker = new TieredAgentWorker(runtime, policy, "classify", () => new AgentOptions { Name = "classifier", Instructions = "Classify.", OutputSchema = Foreman.Schema.JsonSchema.Parse(Schema) });

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => worker.ExecuteAsync(ctx, new WorkTask("t", "classify", JsonSerializer.SerializeToElement("AGREEMENT"))));
        await using var _ = engine;

        result.Model.ShouldBe("o3", "the premium tier's catalog default");
        provider.Log.Count.ShouldBe(1);
    }
}
