using System.Text.Json;
using Foreman.Resilience;
using Foreman.Testing;
using Foreman.Tools;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Foreman.Tests.Resilience;

public sealed class ToolResilienceTests
{
    private static ForemanTool Make(string name, ToolOptions? options = null) =>
        Tool.Create(name, "d", """{"type":"object"}""", (_, _) => ValueTask.FromResult(default(JsonElement)), options);

    public static TheoryData<Exception?, bool> Transience() => new()
    {
        { null, false },
        { new ToolException("busy", retryable: true), true },
        { new ToolException("no such invoice", retryable: false), false },
        { new TimeoutRejectedException(), true },
        { new TimeoutException(), true },
        { new HttpRequestException("502"), true },
        { new IOException("reset"), true },
        { new InvalidOperationException("bug"), false },
        { new ArgumentException("bad"), false },
        { new OperationCanceledException(), false },
        { new BrokenCircuitException(), false },
    };

    [Theory]
    [MemberData(nameof(Transience))]
    public void IsTransient_ClassifiesFailures(Exception? exception, bool transient)
    {
        ToolResilience.IsTransient(exception).ShouldBe(transient);
    }

    [Fact]
    public void Cache_SameTool_SharesOneResilienceState()
    {
        using var cache = new ToolResilienceCache(new FakeTimeProvider());
        var tool = Make("a");

        cache.For(tool).ShouldBeSameAs(cache.For(tool));
        cache.For(tool).ShouldNotBeSameAs(cache.For(Make("b")));
    }

    [Fact]
    public void Limiter_OnlyForToolsWithARate()
    {
        using var cache = new ToolResilienceCache(new FakeTimeProvider());

        cache.For(Make("a")).Limiter.ShouldBeNull();
        cache.For(Make("b", new ToolOptions { RequestsPerMinute = 30 })).Limiter.ShouldNotBeNull().PerMinute.ShouldBe(30);
    }

    [Fact]
    public void CircuitState_StartsClosed()
    {
        using var cache = new ToolResilienceCache(new FakeTimeProvider());

        cache.For(Make("a")).CircuitState.ShouldBe(CircuitState.Closed);
    }
}
