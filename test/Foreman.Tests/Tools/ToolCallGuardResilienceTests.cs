using System.Text.Json;
using Foreman.Tools;
using Polly.CircuitBreaker;

namespace Foreman.Tests.Tools;

public sealed class ToolCallGuardResilienceTests
{
    private static readonly JsonElement Ok = JsonElement.Parse("""{"ok":true}""");
    private readonly InvocationLog _log = new();

    [Fact]
    public async Task InvokeAsync_ToolIgnoresItsCancellationToken_HardTimeoutStillAnswers()
    {
        var never = new TaskCompletionSource<JsonElement>();
        using var harness = new GuardHarness(_log.Tool("slow_report", TestSchemas.AnyObject, (_, _) => new ValueTask<JsonElement>(never.Task),
            new ToolOptions { Timeout = TimeSpan.FromSeconds(5), Retry = new ToolRetryOptions { MaxRetries = 0 } }));

        var call = harness.CallAsync("slow_report", "{}");
        harness.Time.Advance(TimeSpan.FromSeconds(4.9));
        await ClockDriver.YieldUntilAsync(call);
        call.IsCompleted.ShouldBeFalse("the call ended before its timeout");

        var record = await harness.Time.DriveAsync(call, TimeSpan.FromMilliseconds(100), maxSteps: 100);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Timeout);
        record.Error.Message.ShouldContain("5 s");
        record.Error.Retryable.ShouldBeTrue("a read tool is idempotent, so the model may try again");
        record.Attempts.ShouldBe(1);
        record.Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5));
        record.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(6));
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_ToolHonoursItsToken_TokenIsCancelledAtTheTimeout()
    {
        var tokens = new List<CancellationToken>();
        using var harness = new GuardHarness(_log.Tool("slow_report", TestSchemas.AnyObject, async (_, ct) =>
        {
            tokens.Add(ct);
            await new TaskCompletionSource().Task.WaitAsync(ct);
            return Ok;
        }, new ToolOptions { Timeout = TimeSpan.FromSeconds(2), Effect = ToolEffect.Write, Idempotent = false }));

        var call = harness.CallAsync("slow_report", "{}");
        var token = tokens.ShouldHaveSingleItem();
        token.IsCancellationRequested.ShouldBeFalse();
        var record = await harness.Time.DriveAsync(call, TimeSpan.FromMilliseconds(500), maxSteps: 20);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Timeout);
        record.Error.Retryable.ShouldBeFalse("a non-idempotent tool may have acted before the timeout");
        token.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task InvokeAsync_TransientFailureOnIdempotentTool_IsRetriedWithBackoffAndSucceedsOnAttemptThree()
    {
        using var harness = new GuardHarness(_log.Tool("get_rates", TestSchemas.AnyObject, (invocation, _) =>
            invocation.Attempt < 3 ? throw new ToolException("Upstream busy.", retryable: true) : ValueTask.FromResult(Ok),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) } }));

        var call = harness.CallAsync("get_rates", "{}");
        await ClockDriver.YieldUntilAsync(call);
        call.IsCompleted.ShouldBeFalse("the retry must wait for its backoff on the clock");
        _log.Count.ShouldBe(1);

        var record = await harness.Time.DriveAsync(call, TimeSpan.FromMilliseconds(100));

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        record.Attempts.ShouldBe(3);
        record.Duration.ShouldBeGreaterThan(TimeSpan.Zero);
        _log.Attempts.ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task InvokeAsync_TransientFailuresBeyondMaxRetries_ReturnFailedWithEveryAttemptCounted()
    {
        using var harness = new GuardHarness(_log.Tool("get_rates", TestSchemas.AnyObject, (_, _) => throw new ToolException("Upstream busy.", retryable: true),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 2 }, CircuitBreaker = new ToolCircuitBreakerOptions { Enabled = false } }));

        var record = await harness.Time.DriveAsync(harness.CallAsync("get_rates", "{}"), TimeSpan.FromMilliseconds(100));

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        record.Error.Message.ShouldBe("Upstream busy.");
        record.Error.Retryable.ShouldBeTrue();
        record.Attempts.ShouldBe(3);
        _log.Count.ShouldBe(3);
    }

    [Fact]
    public async Task InvokeAsync_NonRetryableToolException_IsNotRetried()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, (_, _) => throw new ToolException("No invoice INV-9."),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 5 } }));

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-9"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        record.Error.Retryable.ShouldBeFalse();
        record.Attempts.ShouldBe(1);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_NonIdempotentWriteTool_IsNotRetriedOnTransientFailure()
    {
        // A failed attempt of a non-idempotent tool may already have acted: running it again could charge twice.
        var tool = _log.Tool("charge_card", TestSchemas.AnyObject, (_, _) => throw new ToolException("Gateway timeout.", retryable: true),
            new ToolOptions { Effect = ToolEffect.Write, Retry = new ToolRetryOptions { MaxRetries = 3 } });
        using var harness = new GuardHarness(tool);

        var record = await harness.CallAsync("charge_card", "{}");

        tool.Idempotent.ShouldBeFalse();
        tool.MaxRetries.ShouldBe(0);
        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        record.Attempts.ShouldBe(1);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_WriteToolDeclaredIdempotent_IsRetried()
    {
        using var harness = new GuardHarness(_log.Tool("upsert_contact", TestSchemas.AnyObject, (invocation, _) =>
            invocation.Attempt < 2 ? throw new IOException("connection reset") : ValueTask.FromResult(Ok),
            new ToolOptions { Effect = ToolEffect.Write, Idempotent = true }));

        var record = await harness.Time.DriveAsync(harness.CallAsync("upsert_contact", "{}"), TimeSpan.FromMilliseconds(100));

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        record.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task InvokeAsync_IdempotencyKey_IsPrefixAndSequenceAndTheSameOnEveryRetry()
    {
        using var harness = new GuardHarness(
            _log.Tool("get_invoice", TestSchemas.Lookup),
            _log.Tool("sync_ledger", TestSchemas.AnyObject, (invocation, _) =>
                invocation.Attempt < 3 ? throw new ToolException("Ledger busy.", retryable: true) : ValueTask.FromResult(Ok),
                new ToolOptions { Effect = ToolEffect.Write, Idempotent = true }))
        {
            IdempotencyPrefix = "order-42",
        };

        var first = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");
        var second = await harness.Time.DriveAsync(harness.CallAsync("sync_ledger", "{}"), TimeSpan.FromMilliseconds(100));

        first.IdempotencyKey.ShouldBe("order-42:1");
        second.IdempotencyKey.ShouldBe("order-42:2");
        second.Attempts.ShouldBe(3);
        _log.Invocations.Select(i => i.IdempotencyKey).ShouldBe(["order-42:1", "order-42:2", "order-42:2", "order-42:2"]);
    }

    [Fact]
    public async Task InvokeAsync_ToolThrowsInvalidOperationException_ReturnsFailedValueWithoutRetry()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, (_, _) => throw new InvalidOperationException("Sequence contains no elements")));

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        record.Error.Message.ShouldContain("InvalidOperationException");
        record.Error.Message.ShouldContain("Sequence contains no elements");
        record.Error.Retryable.ShouldBeFalse();
        record.Result.ValueKind.ShouldBe(JsonValueKind.Undefined);
        GuardHarness.ModelError(record).GetProperty("kind").GetString().ShouldBe("failed");
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_AsyncToolFaults_ReturnsFailedValue()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, async (_, ct) =>
        {
            await Task.Yield();
            throw new KeyNotFoundException("INV-1");
        }));

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        record.Error.Message.ShouldContain("KeyNotFoundException");
    }

    [Fact]
    public async Task InvokeAsync_CallerCancelsWhileToolRuns_OperationCanceledExceptionPropagates()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<JsonElement>();
        using var harness = new GuardHarness(_log.Tool("slow_report", TestSchemas.AnyObject, (_, _) =>
        {
            started.TrySetResult();
            return new ValueTask<JsonElement>(never.Task);
        }));
        using var cts = new CancellationTokenSource();

        var call = harness.CallAsync("slow_report", "{}", cts.Token);
        await started.Task;
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(call);
        _log.Count.ShouldBe(1);
        harness.Guard.Trail.ShouldBeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_CallerAlreadyCancelled_ThrowsAndDoesNotRunTheTool()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup));

        await Should.ThrowAsync<OperationCanceledException>(harness.CallAsync("get_invoice", """{"id":"INV-1"}""", new CancellationToken(canceled: true)));

        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_CallerCancelsDuringRetryBackoff_ThrowsWithoutFurtherAttempts()
    {
        using var harness = new GuardHarness(_log.Tool("get_rates", TestSchemas.AnyObject, (_, _) => throw new ToolException("Upstream busy.", retryable: true)));
        using var cts = new CancellationTokenSource();

        var call = harness.CallAsync("get_rates", "{}", cts.Token);
        await ClockDriver.YieldUntilAsync(call);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(call);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_ThresholdConsecutiveFailures_OpenTheCircuitAndTheNextCallFailsFastWithoutRunning()
    {
        var tool = _log.Tool("get_rates", TestSchemas.AnyObject, (_, _) => throw new HttpRequestException("502 Bad Gateway"),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 0 }, CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 3, BreakDuration = TimeSpan.FromSeconds(30) } });
        using var harness = new GuardHarness(tool);

        var failures = new List<ToolCallRecord>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add(await harness.CallAsync("get_rates", $$"""{"page":{{i}}}"""));
        }

        var rejected = await harness.CallAsync("get_rates", """{"page":3}""");

        failures.ShouldAllBe(r => r.Error!.Kind == ToolErrorKind.Failed);
        rejected.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.CircuitOpen);
        rejected.Error.Retryable.ShouldBeTrue();
        rejected.Attempts.ShouldBe(0);
        _log.Count.ShouldBe(3);
        harness.Resilience.For(tool).CircuitState.ShouldBe(CircuitState.Open);
    }

    [Fact]
    public async Task InvokeAsync_AfterTheBreakDuration_AProbeRunsAndItsSuccessClosesTheCircuit()
    {
        var healthy = false;
        var tool = _log.Tool("get_rates", TestSchemas.AnyObject, (_, _) => healthy ? ValueTask.FromResult(Ok) : throw new HttpRequestException("502 Bad Gateway"),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 0 }, CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 2, BreakDuration = TimeSpan.FromSeconds(30) } });
        using var harness = new GuardHarness(tool);
        await harness.CallAsync("get_rates", """{"page":1}""");
        await harness.CallAsync("get_rates", """{"page":2}""");

        harness.Time.Advance(TimeSpan.FromSeconds(29));
        var stillOpen = await harness.CallAsync("get_rates", """{"page":3}""");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        healthy = true;
        var probe = await harness.CallAsync("get_rates", """{"page":4}""");
        var after = await harness.CallAsync("get_rates", """{"page":5}""");

        stillOpen.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.CircuitOpen);
        probe.IsSuccess.ShouldBeTrue(probe.ModelText);
        after.IsSuccess.ShouldBeTrue(after.ModelText);
        harness.Resilience.For(tool).CircuitState.ShouldBe(CircuitState.Closed);
        _log.Count.ShouldBe(4);
    }

    [Fact]
    public async Task InvokeAsync_FailedProbe_ReopensTheCircuit()
    {
        var tool = _log.Tool("get_rates", TestSchemas.AnyObject, (_, _) => throw new HttpRequestException("502 Bad Gateway"),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 0 }, CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 2, BreakDuration = TimeSpan.FromSeconds(30) } });
        using var harness = new GuardHarness(tool);
        await harness.CallAsync("get_rates", """{"page":1}""");
        await harness.CallAsync("get_rates", """{"page":2}""");

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var probe = await harness.CallAsync("get_rates", """{"page":3}""");
        var next = await harness.CallAsync("get_rates", """{"page":4}""");

        probe.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        next.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.CircuitOpen);
        _log.Count.ShouldBe(3);
    }

    [Fact]
    public async Task InvokeAsync_BusinessRejections_DoNotOpenTheCircuit()
    {
        // A tool that says "no such invoice" is healthy; only faults count toward opening the circuit.
        var tool = _log.Tool("get_invoice", TestSchemas.Lookup, (_, _) => throw new ToolException("No such invoice."),
            new ToolOptions { CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 2 } });
        using var harness = new GuardHarness(tool);

        var records = new List<ToolCallRecord>();
        for (var i = 0; i < 5; i++)
        {
            records.Add(await harness.CallAsync("get_invoice", $$"""{"id":"INV-{{i}}"}"""));
        }

        records.ShouldAllBe(r => r.Error!.Kind == ToolErrorKind.Failed);
        _log.Count.ShouldBe(5);
        harness.Resilience.For(tool).CircuitState.ShouldBe(CircuitState.Closed);
    }

    [Fact]
    public async Task InvokeAsync_ASuccessInsideTheSamplingWindow_KeepsTheCircuitClosed()
    {
        // The circuit opens when every call in the window failed (at least FailureThreshold of them).
        var fail = true;
        var tool = _log.Tool("get_rates", TestSchemas.AnyObject, (_, _) => fail ? throw new HttpRequestException("502") : ValueTask.FromResult(Ok),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 0 }, CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 3 } });
        using var harness = new GuardHarness(tool);

        var page = 0;
        async Task<ToolCallRecord> CallAsync() => await harness.CallAsync("get_rates", $$"""{"page":{{page++}}}""");
        await CallAsync();
        await CallAsync();
        fail = false;
        await CallAsync();
        fail = true;
        await CallAsync();
        await CallAsync();
        var sixth = await CallAsync();

        sixth.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        _log.Count.ShouldBe(6);
        harness.Resilience.For(tool).CircuitState.ShouldBe(CircuitState.Closed);
    }

    [Fact]
    public async Task InvokeAsync_BreakerState_IsSharedByEveryRunOfTheTool()
    {
        var tool = _log.Tool("get_rates", TestSchemas.AnyObject, (_, _) => throw new HttpRequestException("502"),
            new ToolOptions { Retry = new ToolRetryOptions { MaxRetries = 0 }, CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 2 } });
        using var harness = new GuardHarness(tool);

        await harness.NewGuard().InvokeAsync("c1", "get_rates", "{}", CancellationToken.None);
        await harness.NewGuard().InvokeAsync("c1", "get_rates", "{}", CancellationToken.None);
        var otherRun = await harness.NewGuard().InvokeAsync("c1", "get_rates", "{}", CancellationToken.None);

        otherRun.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.CircuitOpen);
        _log.Count.ShouldBe(2);
    }

    [Fact]
    public async Task InvokeAsync_TimeoutsCountAsFailures_AndOpenTheCircuit()
    {
        var never = new TaskCompletionSource<JsonElement>();
        var tool = _log.Tool("slow_report", TestSchemas.AnyObject, (_, _) => new ValueTask<JsonElement>(never.Task),
            new ToolOptions { Timeout = TimeSpan.FromSeconds(1), Retry = new ToolRetryOptions { MaxRetries = 0 }, CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 2 } });
        using var harness = new GuardHarness(tool);

        for (var i = 0; i < 2; i++)
        {
            var timedOut = await harness.Time.DriveAsync(harness.CallAsync("slow_report", $$"""{"n":{{i}}}"""), TimeSpan.FromMilliseconds(250), maxSteps: 20);
            timedOut.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Timeout);
        }

        var rejected = await harness.CallAsync("slow_report", """{"n":2}""");

        rejected.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.CircuitOpen);
        _log.Count.ShouldBe(2);
    }

    [Fact]
    public async Task InvokeAsync_CallOverRequestsPerMinute_IsRateLimitedWithoutRunningAndAllowedAgainAfterAMinute()
    {
        using var harness = new GuardHarness(_log.Tool("get_rates", TestSchemas.AnyObject, options: new ToolOptions { RequestsPerMinute = 2 })) { RateLimitMaxWait = TimeSpan.Zero };

        var first = await harness.CallAsync("get_rates", """{"n":1}""");
        var second = await harness.CallAsync("get_rates", """{"n":2}""");
        var third = await harness.CallAsync("get_rates", """{"n":3}""");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var fourth = await harness.CallAsync("get_rates", """{"n":4}""");

        first.IsSuccess.ShouldBeTrue();
        second.IsSuccess.ShouldBeTrue();
        third.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RateLimited);
        third.Error.Retryable.ShouldBeTrue();
        third.Error.Message.ShouldContain("2 calls per minute");
        third.Attempts.ShouldBe(0);
        fourth.IsSuccess.ShouldBeTrue(fourth.ModelText);
        _log.Invocations.Select(i => i.Arguments.GetProperty("n").GetInt32()).ShouldBe([1, 2, 4]);
    }

    [Fact]
    public async Task InvokeAsync_RateLimitWithMaxWait_WaitsOnTheClockForTheNextToken()
    {
        using var harness = new GuardHarness(_log.Tool("get_rates", TestSchemas.AnyObject, options: new ToolOptions { RequestsPerMinute = 1 })) { RateLimitMaxWait = TimeSpan.FromMinutes(2) };
        await harness.CallAsync("get_rates", """{"n":1}""");

        var call = harness.CallAsync("get_rates", """{"n":2}""");
        await ClockDriver.YieldUntilAsync(call);
        call.IsCompleted.ShouldBeFalse("the call must wait for a token, not fail at once");
        var record = await harness.Time.DriveAsync(call, TimeSpan.FromSeconds(5));

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        harness.Time.GetUtcNow().ShouldBeGreaterThanOrEqualTo(harness.Time.Start + TimeSpan.FromMinutes(1));
        _log.Count.ShouldBe(2);
    }

    [Fact]
    public async Task InvokeAsync_RateLimitIsSharedAcrossRuns()
    {
        using var harness = new GuardHarness(_log.Tool("get_rates", TestSchemas.AnyObject, options: new ToolOptions { RequestsPerMinute = 1 }));

        await harness.NewGuard().InvokeAsync("c1", "get_rates", "{}", CancellationToken.None);
        var otherRun = await harness.NewGuard().InvokeAsync("c1", "get_rates", "{}", CancellationToken.None);

        otherRun.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RateLimited);
        _log.Count.ShouldBe(1);
    }
}
