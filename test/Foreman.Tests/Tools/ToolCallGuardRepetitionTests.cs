using Foreman.Tools;

namespace Foreman.Tests.Tools;

public sealed class ToolCallGuardRepetitionTests
{
    private readonly InvocationLog _log = new();

    [Fact]
    public async Task InvokeAsync_SameToolAndArgumentsTwiceInARow_SecondIsRepeatedCallAndDoesNotRun()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup));

        var first = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");
        var second = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        first.IsSuccess.ShouldBeTrue(first.ModelText);
        second.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        second.Error.Retryable.ShouldBeFalse();
        second.Attempts.ShouldBe(0);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_SameArgumentsInAnotherKeyOrderAndSpacing_CountAsTheSameCall()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order, options: new ToolOptions { Effect = ToolEffect.Write, Idempotent = false }));

        await harness.CallAsync("create_order", """{"customer_id":"C1234","quantity":3}""");
        var second = await harness.CallAsync("create_order", "{\n  \"quantity\" : 3 ,\n  \"customer_id\":\"C1234\"\n}\n");

        second.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_SameToolWithOtherArguments_IsNotARepetition()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup));

        await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");
        var second = await harness.CallAsync("get_invoice", """{"id":"INV-2"}""");

        second.IsSuccess.ShouldBeTrue(second.ModelText);
        _log.Count.ShouldBe(2);
    }

    [Fact]
    public async Task InvokeAsync_OtherToolWithSameArguments_IsNotARepetition()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup), _log.Tool("get_order", TestSchemas.Lookup));

        await harness.CallAsync("get_invoice", """{"id":"X-1"}""");
        var second = await harness.CallAsync("get_order", """{"id":"X-1"}""");

        second.IsSuccess.ShouldBeTrue(second.ModelText);
        _log.Count.ShouldBe(2);
    }

    [Fact]
    public async Task InvokeAsync_ABAWithMaxIdenticalCallsTwo_ThirdCallIsRepeated()
    {
        // MaxIdenticalCalls identical calls anywhere in the run are a loop: with 2, the second A is refused even after B.
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup)) { MaxIdenticalCalls = 2 };

        var a1 = await harness.CallAsync("get_invoice", """{"id":"A"}""");
        var b = await harness.CallAsync("get_invoice", """{"id":"B"}""");
        var a2 = await harness.CallAsync("get_invoice", """{"id":"A"}""");

        a1.IsSuccess.ShouldBeTrue();
        b.IsSuccess.ShouldBeTrue();
        a2.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        _log.Invocations.Select(i => i.Arguments.GetProperty("id").GetString()).ShouldBe(["A", "B"]);
    }

    [Fact]
    public async Task InvokeAsync_ABABAWithMaxIdenticalCallsThree_OnlyTheThirdAIsRepeated()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup)) { MaxIdenticalCalls = 3 };

        var outcomes = new List<ToolErrorKind?>();
        foreach (var id in new[] { "A", "B", "A", "B", "A" })
        {
            outcomes.Add((await harness.CallAsync("get_invoice", $$"""{"id":"{{id}}"}""")).Error?.Kind);
        }

        outcomes.ShouldBe([null, null, null, null, ToolErrorKind.RepeatedCall]);
        _log.Count.ShouldBe(4);
    }

    [Fact]
    public async Task InvokeAsync_IdenticalCallAfterAFailedAttempt_IsStillARepetition()
    {
        // The guard already retried what could be retried; the model calling again unchanged is a loop.
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, (_, _) => throw new ToolException("Invoice INV-1 is archived.")));

        var first = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");
        var second = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        first.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        second.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_RetryOfACallRefusedByTheRateLimit_IsNotARepetition()
    {
        // The guard told the model "retryable, try again later"; doing exactly that must not end the run as a loop.
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, options: new ToolOptions { RequestsPerMinute = 1 }));

        var first = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");
        var limited = await harness.CallAsync("get_invoice", """{"id":"INV-2"}""");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var retried = await harness.CallAsync("get_invoice", """{"id":"INV-2"}""");

        first.IsSuccess.ShouldBeTrue();
        limited.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RateLimited);
        retried.IsSuccess.ShouldBeTrue(retried.ModelText);
        _log.Invocations.Select(i => i.Arguments.GetProperty("id").GetString()).ShouldBe(["INV-1", "INV-2"]);
    }

    [Fact]
    public async Task InvokeAsync_RepeatedCallRecord_IsItselfCountedSoTheLoopStaysBlocked()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup));

        await harness.CallAsync("get_invoice", """{"id":"A"}""");
        var second = await harness.CallAsync("get_invoice", """{"id":"A"}""");
        var third = await harness.CallAsync("get_invoice", """{"id":"A"}""");

        second.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        third.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_NewRun_StartsWithAnEmptyTrail()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup));

        await harness.CallAsync("get_invoice", """{"id":"A"}""");
        var otherRun = await harness.NewGuard().InvokeAsync("c1", "get_invoice", """{"id":"A"}""", CancellationToken.None);

        otherRun.IsSuccess.ShouldBeTrue(otherRun.ModelText);
        _log.Count.ShouldBe(2);
    }
}
