using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Models;
using Microsoft.Extensions.AI;

namespace Foreman.Testing.Tests;

public sealed class FaultInjectionTests
{
    private const int Calls = 10_000;
    private const double Tolerance = 0.02;

    private static readonly SimulatedTurn LookupTurn = SimulatedTurn.CallTool("lookup", """{"verbose":true,"id":"A1"}""");
    private static readonly SimulatedTurn AnswerTurn = SimulatedTurn.Final("""{"status":"shipped","total":120.5,"items":3}""");

    public static TheoryData<string, double> RatedFaults => new()
    {
        { nameof(InjectedFaults.LatencySpike), 0.10 },
        { nameof(InjectedFaults.RateLimited), 0.10 },
        { nameof(InjectedFaults.ServerError), 0.05 },
        { nameof(InjectedFaults.MalformedArguments), 0.20 },
        { nameof(InjectedFaults.HallucinatedTool), 0.15 },
        { nameof(InjectedFaults.RepeatedCall), 0.10 },
        { nameof(InjectedFaults.RunawayTokens), 0.05 },
        { nameof(InjectedFaults.WrongAnswer), 0.30 },
    };

    [Theory]
    [MemberData(nameof(RatedFaults))]
    public async Task Faults_OverTenThousandCalls_AreInjectedAtAboutTheirRate(string faultName, double rate)
    {
        var fault = Enum.Parse<InjectedFaults>(faultName);
        var faults = fault switch
        {
            InjectedFaults.LatencySpike => new FaultInjection { LatencySpikeRate = rate, LatencySpike = TimeSpan.Zero },
            InjectedFaults.RateLimited => new FaultInjection { RateLimitRate = rate },
            InjectedFaults.ServerError => new FaultInjection { ServerErrorRate = rate },
            InjectedFaults.MalformedArguments => new FaultInjection { MalformedArgumentsRate = rate },
            InjectedFaults.HallucinatedTool => new FaultInjection { HallucinatedToolRate = rate },
            InjectedFaults.RepeatedCall => new FaultInjection { RepeatedCallRate = rate },
            InjectedFaults.RunawayTokens => new FaultInjection { RunawayTokenRate = rate },
            _ => new FaultInjection { WrongAnswerRate = rate },
        };
        var turn = fault == InjectedFaults.WrongAnswer ? AnswerTurn : LookupTurn;
        var client = NewClient(faults with { Seed = 12345 }, _ => turn);

        await RunAsync(client, Calls);

        var observed = client.Log.Count(r => r.Has(fault)) / (double)Calls;
        observed.ShouldBeInRange(rate - Tolerance, rate + Tolerance);
        client.Log.Count(r => r.Faults != InjectedFaults.None && r.Faults != fault).ShouldBe(0);
    }

    [Fact]
    public async Task ErrorRate_SplitsEvenlyBetweenRateLimitsAndServerErrors()
    {
        var client = NewClient(new FaultInjection { Seed = 9, ErrorRate = 0.2 }, _ => LookupTurn);

        var errors = await RunAsync(client, Calls);

        (errors.Count / (double)Calls).ShouldBeInRange(0.2 - Tolerance, 0.2 + Tolerance);
        (errors.Count(e => e.StatusCode == 429) / (double)Calls).ShouldBeInRange(0.1 - Tolerance, 0.1 + Tolerance);
        (errors.Count(e => e.StatusCode >= 500) / (double)Calls).ShouldBeInRange(0.1 - Tolerance, 0.1 + Tolerance);
    }

    [Fact]
    public async Task RateLimit_ThrowsModelCallExceptionWith429AndRetryAfter()
    {
        var client = NewClient(new FaultInjection { RateLimitRate = 1, RateLimitRetryAfter = TimeSpan.FromSeconds(7) }, _ => LookupTurn);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None));

        error.Kind.ShouldBe(ModelFailureKind.RateLimited);
        error.StatusCode.ShouldBe(429);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        error.IsTransient.ShouldBeTrue();
        client.Log.Single().StatusCode.ShouldBe(429);
        client.Log.Single().Faults.ShouldBe(InjectedFaults.RateLimited);
    }

    [Fact]
    public async Task ServerError_ThrowsBoth500And503()
    {
        var client = NewClient(new FaultInjection { ServerErrorRate = 1 }, _ => LookupTurn);

        var errors = await RunAsync(client, 200);

        errors.Count.ShouldBe(200);
        errors.ShouldAllBe(e => e.Kind == ModelFailureKind.ServerError && e.RetryAfter == null);
        errors.Select(e => e.StatusCode).Distinct().Order().ShouldBe([500, 503]);
    }

    [Fact]
    public async Task SameSeed_GivesTheSameFaultsAndOutputs_DifferentSeedDoesNot()
    {
        static async Task<string[]> TraceAsync(int seed)
        {
            var faults = new FaultInjection
            {
                Seed = seed,
                ErrorRate = 0.1,
                LatencySpikeRate = 0.1,
                MalformedArgumentsRate = 0.2,
                HallucinatedToolRate = 0.2,
                RepeatedCallRate = 0.2,
                RunawayTokenRate = 0.2,
                WrongAnswerRate = 0.2,
            };
            var client = NewClient(faults, ctx => ctx.CallNumber % 3 == 0 ? AnswerTurn : LookupTurn);
            await RunAsync(client, 500);
            return [.. client.Log.Select(r => $"{r.Faults}|{r.CallNumber}|{r.ArgumentCorruption}|{r.StatusCode}|{r.OutputTokens}|{r.Text}|{string.Join(",", r.ToolCalls)}")];
        }

        var first = await TraceAsync(42);

        (await TraceAsync(42)).ShouldBe(first);
        (await TraceAsync(43)).ShouldNotBe(first);
        first.Count(t => !t.StartsWith("None|", StringComparison.Ordinal)).ShouldBeGreaterThan(100);
    }

    [Theory]
    [InlineData(ArgumentCorruptions.TruncatedJson)]
    [InlineData(ArgumentCorruptions.TrailingGarbage)]
    public async Task MalformedArguments_InvalidJsonStyles_SurfaceAsFunctionCallException(ArgumentCorruptions style)
    {
        var client = NewClient(new FaultInjection { MalformedArgumentsRate = 1, ArgumentCorruptions = style }, _ => LookupTurn);

        for (var i = 0; i < 50; i++)
        {
            var call = await CallAsync(client);

            call.Name.ShouldBe("lookup");
            call.Exception.ShouldNotBeNull();
            TestConversations.IsValidJson(TestConversations.Raw(call)).ShouldBeFalse();
        }

        client.Log.ShouldAllBe(r => r.ArgumentCorruption == style && r.Faults == InjectedFaults.MalformedArguments);
    }

    [Fact]
    public async Task MalformedArguments_WrongType_ParsesButChangesAPropertyType()
    {
        var client = NewClient(new FaultInjection { MalformedArgumentsRate = 1, ArgumentCorruptions = ArgumentCorruptions.WrongType }, _ => LookupTurn);

        for (var i = 0; i < 50; i++)
        {
            var call = await CallAsync(client);

            call.Exception.ShouldBeNull();
            var arguments = JsonNode.Parse(TestConversations.Raw(call))!.AsObject();
            arguments.Select(p => p.Key).ShouldBe(["verbose", "id"]);
            var kinds = (arguments["verbose"]!.GetValueKind(), arguments["id"]!.GetValueKind());
            kinds.ShouldNotBe((JsonValueKind.True, JsonValueKind.String));
        }
    }

    [Fact]
    public async Task MalformedArguments_MissingRequiredField_DropsTheRequiredPropertyFromTheSchema()
    {
        var client = NewClient(new FaultInjection { MalformedArgumentsRate = 1, ArgumentCorruptions = ArgumentCorruptions.MissingRequiredField }, _ => LookupTurn);

        for (var i = 0; i < 50; i++)
        {
            var call = await CallAsync(client);

            call.Exception.ShouldBeNull();
            TestConversations.Raw(call).ShouldBe("""{"verbose":true}""");
        }
    }

    [Fact]
    public async Task MalformedArguments_AllStyles_AreEachUsed()
    {
        var client = NewClient(new FaultInjection { Seed = 5, MalformedArgumentsRate = 1 }, _ => LookupTurn);

        await RunAsync(client, 2_000);

        var styles = client.Log.GroupBy(r => r.ArgumentCorruption).ToDictionary(g => g.Key, g => g.Count() / 2_000.0);
        styles.Keys.Order().ShouldBe([ArgumentCorruptions.TruncatedJson, ArgumentCorruptions.WrongType, ArgumentCorruptions.MissingRequiredField, ArgumentCorruptions.TrailingGarbage]);
        styles.Values.ShouldAllBe(share => share > 0.2 && share < 0.3);
    }

    [Fact]
    public async Task MalformedArguments_NoApplicableStyle_InjectsNothing()
    {
        var client = NewClient(new FaultInjection { MalformedArgumentsRate = 1, ArgumentCorruptions = ArgumentCorruptions.WrongType }, _ => SimulatedTurn.CallTool("lookup", "{}"));

        var call = await CallAsync(client);

        TestConversations.Raw(call).ShouldBe("{}");
        client.Log.Single().Faults.ShouldBe(InjectedFaults.None);
    }

    [Fact]
    public async Task HallucinatedTool_NamesAPlausibleToolThatWasNotOffered()
    {
        var client = NewClient(new FaultInjection { HallucinatedToolRate = 1 }, _ => LookupTurn);
        var offered = TestConversations.Options.Tools!.Select(t => t.Name).ToList();

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100; i++)
        {
            var call = await CallAsync(client);
            offered.ShouldNotContain(call.Name, StringComparer.Ordinal);
            TestConversations.Raw(call).ShouldBe("""{"verbose":true,"id":"A1"}""");
            names.Add(call.Name);
        }

        names.Count.ShouldBeGreaterThan(3);
        client.Log.ShouldAllBe(r => r.Faults == InjectedFaults.HallucinatedTool && !offered.Contains(r.ToolCalls[0].Name));
    }

    [Fact]
    public async Task RepeatedCall_RepeatsThePreviousCallWithIdenticalArgumentsInsteadOfAnswering()
    {
        var client = NewClient(new FaultInjection { RepeatedCallRate = 1 }, _ => AnswerTurn);

        var response = await client.GetResponseAsync(TestConversations.AfterLookup("""{"id":"A0","page":2}"""), TestConversations.Options, CancellationToken.None);

        response.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        response.Text.ShouldBeEmpty();
        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        call.Name.ShouldBe("lookup");
        TestConversations.Raw(call).ShouldBe("""{"id":"A0","page":2}""");
        call.CallId.ShouldNotBe("call_prev", StringComparer.Ordinal);
        client.Log.Single().Faults.ShouldBe(InjectedFaults.RepeatedCall);
    }

    [Fact]
    public async Task RepeatedCall_FirstTurnOfAConversation_HasNothingToRepeat()
    {
        var client = NewClient(new FaultInjection { RepeatedCallRate = 1 }, _ => LookupTurn);

        await client.GetResponseAsync(TestConversations.Ask("q"), TestConversations.Options, CancellationToken.None);

        client.Log.Single().Faults.ShouldBe(InjectedFaults.None);
    }

    [Fact]
    public async Task RunawayTokens_InflatesReportedCompletionTokens()
    {
        var client = NewClient(new FaultInjection { RunawayTokenRate = 1, RunawayTokenMultiplier = 50 }, _ => AnswerTurn.WithUsage(100, 10));

        var response = await client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);

        response.Usage!.InputTokenCount.ShouldBe(100);
        response.Usage.OutputTokenCount.ShouldBe(500);
        client.Log.Single().OutputTokens.ShouldBe(500);
        client.Log.Single().Faults.ShouldBe(InjectedFaults.RunawayTokens);
    }

    [Fact]
    public async Task WrongAnswer_JsonAnswer_KeepsTheShapeButMovesNumbersAndAltersAString()
    {
        var answer = """{"customer":"ACME","total":200,"items":[{"qty":40,"price":19.99}],"paid":true}""";
        var client = NewClient(new FaultInjection { Seed = 1, WrongAnswerRate = 1 }, _ => SimulatedTurn.Final(answer));

        for (var i = 0; i < 50; i++)
        {
            var response = await client.GetResponseAsync(TestConversations.Ask($"q{i}"), cancellationToken: CancellationToken.None);

            var wrong = JsonNode.Parse(response.Text)!;
            wrong["customer"]!.GetValue<string>().ShouldNotBe("ACME", StringComparer.Ordinal);
            wrong["customer"]!.GetValue<string>().Length.ShouldBe(4);
            RelativeChange(wrong["total"]!.GetValue<decimal>(), 200).ShouldBeInRange(0.02m, 0.08m);
            RelativeChange(wrong["items"]![0]!["qty"]!.GetValue<decimal>(), 40).ShouldBeInRange(0.02m, 0.08m);
            RelativeChange(wrong["items"]![0]!["price"]!.GetValue<decimal>(), 19.99m).ShouldBeInRange(0.02m, 0.08m);
            wrong["paid"]!.GetValue<bool>().ShouldBeTrue();
        }

        client.Log.ShouldAllBe(r => r.Faults == InjectedFaults.WrongAnswer);
    }

    [Fact]
    public async Task WrongAnswer_PlainText_MovesTheNumbers()
    {
        var client = NewClient(new FaultInjection { WrongAnswerRate = 1 }, _ => SimulatedTurn.Final("The refund is 250 EUR."));

        var response = await client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);

        response.Text.ShouldNotBe("The refund is 250 EUR.", StringComparer.Ordinal);
        response.Text.ShouldStartWith("The refund is ");
        response.Text.ShouldEndWith(" EUR.");
    }

    [Fact]
    public async Task WrongAnswer_ToolCallTurn_IsNotTouched()
    {
        var client = NewClient(new FaultInjection { WrongAnswerRate = 1 }, _ => LookupTurn);

        var call = await CallAsync(client);

        TestConversations.Raw(call).ShouldBe("""{"verbose":true,"id":"A1"}""");
        client.Log.Single().Faults.ShouldBe(InjectedFaults.None);
    }

    [Fact]
    public async Task Faults_ChangedAtRunTime_TakeEffectOnTheNextCall()
    {
        var client = NewClient(FaultInjection.None, _ => LookupTurn);
        var failuresPerStage = new List<int>();

        foreach (var errorRate in new[] { 0.0, 0.25, 0.5, 1.0 })
        {
            client.UpdateFaults(f => f with { ErrorRate = errorRate });
            failuresPerStage.Add((await RunAsync(client, 1_000)).Count);
        }

        failuresPerStage[0].ShouldBe(0);
        failuresPerStage[1].ShouldBeInRange(200, 300);
        failuresPerStage[2].ShouldBeInRange(450, 550);
        failuresPerStage[3].ShouldBe(1_000);
    }

    [Fact]
    public async Task Faults_ChangedWhileCallsRunConcurrently_NeverTearsACall()
    {
        var client = NewClient(FaultInjection.None, _ => LookupTurn);

        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunAsync(client, 500))).ToList();
        for (var i = 0; i < 200; i++)
        {
            client.Faults = i % 2 == 0 ? new FaultInjection { ErrorRate = 1 } : FaultInjection.None;
        }

        await Task.WhenAll(callers);
        client.CallCount.ShouldBe(2_000);
        client.Log.Count.ShouldBe(2_000);
    }

    [Fact]
    public void Rates_OutsideZeroToOne_AreRejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new FaultInjection { ErrorRate = 1.5 });
        Should.Throw<ArgumentOutOfRangeException>(() => new FaultInjection { RateLimitRate = -0.1 });
        Should.Throw<ArgumentOutOfRangeException>(() => new FaultInjection { WrongAnswerRate = double.NaN });
        Should.Throw<ArgumentOutOfRangeException>(() => new FaultInjection { Latency = TimeSpan.FromSeconds(-1) });
        Should.Throw<ArgumentOutOfRangeException>(() => new FaultInjection { RunawayTokenMultiplier = 0.5 });
        FaultInjection.None.IsActive.ShouldBeFalse();
        (FaultInjection.None with { HallucinatedToolRate = 0.1 }).IsActive.ShouldBeTrue();
        new FaultInjection().ShouldBe(FaultInjection.None);
    }

    private static SimulatedChatClient NewClient(FaultInjection faults, Func<SimulationTurnContext, SimulatedTurn> respond) =>
        new(respond, new SimulatedChatClientOptions { Faults = faults, LogCapacity = 20_000, TimeProvider = new FakeTimeProvider() });

    /// <summary>Calls the client <paramref name="count"/> times, one at a time, on a conversation that already holds a tool call.</summary>
    private static async Task<List<ModelCallException>> RunAsync(SimulatedChatClient client, int count)
    {
        var conversation = TestConversations.AfterLookup();
        var errors = new List<ModelCallException>();
        for (var i = 0; i < count; i++)
        {
            try
            {
                var call = client.GetResponseAsync(conversation, TestConversations.Options, CancellationToken.None);

                // A latency spike waits on the fake clock: move it past the longest spike.
                if (!call.IsCompleted && client.TimeProvider is FakeTimeProvider clock)
                {
                    clock.Advance(TimeSpan.FromMinutes(1));
                }

                await call;
            }
            catch (ModelCallException error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static async Task<FunctionCallContent> CallAsync(SimulatedChatClient client)
    {
        var response = await client.GetResponseAsync(TestConversations.Ask("Where is A1?"), TestConversations.Options, CancellationToken.None);
        return response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
    }

    private static decimal RelativeChange(decimal actual, decimal expected) => Math.Abs(actual - expected) / expected;
}
