using Foreman.Budgets;

namespace Foreman.Tests.Budgets;

public sealed class AgentLimitsTests
{
    [Fact]
    public void Constructor_Defaults_AreTheDocumentedValues()
    {
        var limits = new AgentLimits();

        limits.MaxIterations.ShouldBe(5);
        limits.MaxToolCalls.ShouldBe(25);
        limits.MaxTokens.ShouldBe(100_000);
        limits.MaxCost.ShouldBeNull();
        limits.MaxDuration.ShouldBe(TimeSpan.FromMinutes(2));
        limits.AlertThreshold.ShouldBe(0.8);
        limits.Fallback.ShouldBe(BudgetFallback.Escalate);
        limits.Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Validate_AlertThresholdOutsideZeroToOne_Rejected(double threshold)
    {
        new AgentLimits { AlertThreshold = threshold }.Validate().ShouldBe(["AlertThreshold must be in (0, 1]."]);
    }

    [Fact]
    public void Validate_AlertThresholdOfOneAndZeroToolCallsAndZeroCost_Accepted()
    {
        new AgentLimits { AlertThreshold = 1, MaxToolCalls = 0, MaxCost = 0m }.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_EveryLimitWrong_EveryProblemListed()
    {
        var limits = new AgentLimits { MaxIterations = 0, MaxToolCalls = -1, MaxTokens = 0, MaxCost = -0.01m, MaxDuration = TimeSpan.FromSeconds(-1), AlertThreshold = 2 };

        limits.Validate().Count.ShouldBe(6);
    }

    [Fact]
    public void Clone_ChangingTheOriginal_DoesNotChangeTheCopy()
    {
        var original = new AgentLimits { MaxCost = 1m };
        var copy = original.Clone();

        original.MaxIterations = 9;
        original.MaxCost = 2m;

        copy.MaxIterations.ShouldBe(5);
        copy.MaxCost.ShouldBe(1m);
        copy.ShouldNotBeSameAs(original);
    }
}
