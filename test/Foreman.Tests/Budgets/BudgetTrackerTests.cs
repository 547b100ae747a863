using Foreman.Budgets;
using Foreman.Testing;

namespace Foreman.Tests.Budgets;

/// <summary>
/// A budget is reached at its alert share (80% by default) or when the next call would pass its hard limit,
/// whichever comes first.
/// </summary>
public sealed class BudgetTrackerTests
{
    private readonly FakeTimeProvider _clock = new();

    private BudgetTracker Tracker(AgentLimits? limits = null) => new(limits ?? new AgentLimits(), _clock);

    [Fact]
    public void CheckBeforeModelCall_FreshRun_ReturnsNull()
    {
        Tracker().CheckBeforeModelCall(1_000, 0.01m).ShouldBeNull();
    }

    [Fact]
    public void CheckBeforeModelCall_ThreeOfFiveIterationsUsed_ReturnsNull()
    {
        var tracker = Tracker();
        for (var i = 0; i < 3; i++)
        {
            tracker.AddModelCall(10, 0m);
        }

        tracker.CheckBeforeModelCall(10, 0m).ShouldBeNull();
    }

    [Fact]
    public void CheckBeforeModelCall_FourOfFiveIterationsUsed_ReturnsIterations()
    {
        var tracker = Tracker();
        for (var i = 0; i < 4; i++)
        {
            tracker.AddModelCall(10, 0m);
        }

        tracker.CheckBeforeModelCall(10, 0m).ShouldBe((BudgetKind.Iterations, 4d, 5d, 5d));
    }

    [Fact]
    public void CheckBeforeModelCall_SingleIterationAllowed_FirstCallAllowedSecondNot()
    {
        var tracker = Tracker(new AgentLimits { MaxIterations = 1 });

        tracker.CheckBeforeModelCall(10, 0m).ShouldBeNull();
        tracker.AddModelCall(10, 0m);
        tracker.CheckBeforeModelCall(10, 0m).ShouldNotBeNull().Kind.ShouldBe(BudgetKind.Iterations);
    }

    [Fact]
    public void CheckBeforeModelCall_TokensAtEightyPercent_ReturnsTokens()
    {
        var tracker = Tracker(new AgentLimits { MaxTokens = 10_000 });
        tracker.AddModelCall(8_000, 0m);

        tracker.CheckBeforeModelCall(1, 0m).ShouldBe((BudgetKind.Tokens, 8_000d, 10_000d, 8_001d));
    }

    [Fact]
    public void CheckBeforeModelCall_TokensJustBelowEightyPercentAndNextCallFits_ReturnsNull()
    {
        var tracker = Tracker(new AgentLimits { MaxTokens = 10_000 });
        tracker.AddModelCall(7_999, 0m);

        tracker.CheckBeforeModelCall(2_001, 0m).ShouldBeNull();
    }

    [Fact]
    public void CheckBeforeModelCall_NextCallWouldPassTheTokenLimit_ReturnsTokensBelowTheShare()
    {
        var tracker = Tracker(new AgentLimits { MaxTokens = 10_000 });
        tracker.AddModelCall(5_000, 0m);

        tracker.CheckBeforeModelCall(5_001, 0m).ShouldBe((BudgetKind.Tokens, 5_000d, 10_000d, 10_001d));
    }

    [Fact]
    public void CheckBeforeModelCall_CostAtEightyPercentOfTheCap_ReturnsCost()
    {
        var tracker = Tracker(new AgentLimits { MaxCost = 1m });
        tracker.AddModelCall(10, 0.8m);

        var breach = tracker.CheckBeforeModelCall(10, 0.001m).ShouldNotBeNull();

        breach.Kind.ShouldBe(BudgetKind.Cost);
        breach.Used.ShouldBe(0.8, 1e-12);
        breach.Limit.ShouldBe(1, 1e-12);
    }

    [Fact]
    public void CheckBeforeModelCall_NoCostCap_CostNeverReached()
    {
        var tracker = Tracker();
        tracker.AddModelCall(10, 1_000_000m);

        tracker.CheckBeforeModelCall(10, 1_000_000m).ShouldBeNull();
    }

    [Fact]
    public void CheckBeforeModelCall_SeveralBudgetsReached_IterationsReportedFirst()
    {
        var tracker = Tracker(new AgentLimits { MaxIterations = 1, MaxTokens = 10, MaxCost = 0.01m });
        tracker.AddModelCall(100, 1m);

        tracker.CheckBeforeModelCall(10, 1m).ShouldNotBeNull().Kind.ShouldBe(BudgetKind.Iterations);
    }

    [Fact]
    public void CheckBeforeModelCall_NinetySixOfOneHundredTwentySecondsElapsed_ReturnsTime()
    {
        var tracker = Tracker();
        _clock.Advance(TimeSpan.FromSeconds(96));

        tracker.CheckBeforeModelCall(10, 0m).ShouldBe((BudgetKind.Time, 96d, 120d, 96d));
        tracker.Elapsed.ShouldBe(TimeSpan.FromSeconds(96));
    }

    [Fact]
    public void CheckBeforeModelCall_NinetyFiveSecondsElapsed_ReturnsNull()
    {
        var tracker = Tracker();
        _clock.Advance(TimeSpan.FromSeconds(95));

        tracker.CheckBeforeModelCall(10, 0m).ShouldBeNull();
    }

    [Fact]
    public void CheckBeforeToolCall_FourOfFiveToolCallsUsed_ReturnsToolCalls()
    {
        var tracker = Tracker(new AgentLimits { MaxToolCalls = 5 });
        for (var i = 0; i < 3; i++)
        {
            tracker.AddToolCall();
        }

        tracker.CheckBeforeToolCall().ShouldBeNull();
        tracker.AddToolCall();
        tracker.CheckBeforeToolCall().ShouldBe((BudgetKind.ToolCalls, 4d, 5d, 5d));
    }

    [Fact]
    public void CheckBeforeToolCall_NoToolCallsAllowed_FirstCallReached()
    {
        Tracker(new AgentLimits { MaxToolCalls = 0 }).CheckBeforeToolCall().ShouldNotBeNull().Kind.ShouldBe(BudgetKind.ToolCalls);
    }

    [Fact]
    public void CheckBeforeToolCall_TimeAtEightyPercent_ReturnsTime()
    {
        var tracker = Tracker();
        _clock.Advance(TimeSpan.FromSeconds(100));

        tracker.CheckBeforeToolCall().ShouldNotBeNull().Kind.ShouldBe(BudgetKind.Time);
    }

    [Fact]
    public void CheckBeforeModelCall_AlertThresholdOfOne_OnlyTheHardLimitCounts()
    {
        var tracker = Tracker(new AgentLimits { AlertThreshold = 1 });
        for (var i = 0; i < 4; i++)
        {
            tracker.AddModelCall(10, 0m);
        }

        tracker.CheckBeforeModelCall(10, 0m).ShouldBeNull();
        tracker.AddModelCall(10, 0m);
        tracker.CheckBeforeModelCall(10, 0m).ShouldNotBeNull().Kind.ShouldBe(BudgetKind.Iterations);
    }

    [Fact]
    public void Fits_OneMoreCallUnderEveryHardLimit_True()
    {
        var tracker = Tracker(new AgentLimits { MaxTokens = 10_000, MaxCost = 1m });
        for (var i = 0; i < 4; i++)
        {
            tracker.AddModelCall(2_000, 0.2m);
        }

        tracker.Fits(2_000, 0.2m).ShouldBeTrue();
        tracker.Fits(2_001, 0.2m).ShouldBeFalse();
        tracker.Fits(2_000, 0.21m).ShouldBeFalse();
        tracker.AddModelCall(0, 0m);
        tracker.Fits(0, 0m).ShouldBeFalse();
    }

    [Fact]
    public void Fits_WallClockSpent_False()
    {
        var tracker = Tracker();
        _clock.Advance(TimeSpan.FromMinutes(2));

        tracker.Fits(0, 0m).ShouldBeFalse();
    }

    [Fact]
    public void AddModelCall_AccumulatesIterationsTokensAndCost()
    {
        var tracker = Tracker();

        tracker.AddModelCall(100, 0.1m);
        tracker.AddModelCall(50, 0.05m);
        tracker.AddToolCall();

        tracker.Iterations.ShouldBe(2);
        tracker.Tokens.ShouldBe(150);
        tracker.Cost.ShouldBe(0.15m);
        tracker.ToolCalls.ShouldBe(1);
    }
}
