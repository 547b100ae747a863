using Foreman.Quality;

namespace Foreman.Observability.Tests;

/// <summary>
/// The interval math against values computed independently: Python 3's standard library,
/// <c>z = statistics.NormalDist().inv_cdf(1 - (1 - level) / 2)</c>, then the Wilson formula
/// <c>(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)</c> in double precision. The 95/100 values also match
/// published tables (88.8–97.8 %).
/// </summary>
public sealed class ProportionIntervalTests
{
    [Theory]
    [InlineData(0, 10, 0.95, 0.0, 0.2775327999)]
    [InlineData(5, 10, 0.95, 0.2365930905, 0.7634069095)]
    [InlineData(10, 10, 0.95, 0.7224672001, 1.0)]
    [InlineData(95, 100, 0.95, 0.8882495308, 0.9784563208)]
    [InlineData(95, 100, 0.99, 0.8608496971, 0.9831516840)]
    [InlineData(7, 8, 0.95, 0.5291118178, 0.9775825085)]
    [InlineData(19, 20, 0.95, 0.7638688066, 0.9911185512)]
    [InlineData(88, 100, 0.95, 0.8018790057, 0.9300059356)]
    [InlineData(1, 1, 0.95, 0.2065493144, 1.0)]
    public void Wilson_KnownCounts_MatchIndependentlyComputedBounds(int successes, int trials, double confidence, double lower, double upper)
    {
        var interval = ProportionInterval.Wilson(successes, trials, confidence);

        // Acklam's quantile is good to about 1e-9 relative; the bounds inherit that.
        interval.Lower.ShouldBe(lower, 1e-8);
        interval.Upper.ShouldBe(upper, 1e-8);
        interval.Estimate.ShouldBe((double)successes / trials, 1e-12);
        (interval.Successes, interval.Trials, interval.Confidence).ShouldBe((successes, trials, confidence));
    }

    [Theory]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.995, 2.5758293035489)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.95, 1.6448536269514715)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(1e-6, -4.753424308822899)]
    public void NormalQuantile_MatchesPythonsNormalDist(double probability, double expected) =>
        Proportions.NormalQuantile(probability).ShouldBe(expected, 1e-8 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void Wilson_HigherConfidenceOrFewerTrials_WiderInterval()
    {
        var at95 = ProportionInterval.Wilson(90, 100, 0.95);
        var at99 = ProportionInterval.Wilson(90, 100, 0.99);
        var fewer = ProportionInterval.Wilson(9, 10, 0.95);
        (at99.Upper - at99.Lower).ShouldBeGreaterThan(at95.Upper - at95.Lower);
        (fewer.Upper - fewer.Lower).ShouldBeGreaterThan(at95.Upper - at95.Lower);
        at95.Lower.ShouldBeLessThan(0.9);
        at95.Upper.ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Wilson_BadInput_Refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(1, 0, 0.95));
        Should.Throw<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(11, 10, 0.95));
        Should.Throw<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(-1, 10, 0.95));
        Should.Throw<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(5, 10, 1.0));
        Should.Throw<ArgumentOutOfRangeException>(() => Proportions.NormalQuantile(0));
        ProportionInterval.WilsonOrNull(0, 0, 0.95).ShouldBeNull();
    }

    [Fact]
    public void DecreaseZ_KnownValues()
    {
        // 97/100 → 88/100: pooled p = 0.925, se = √(0.925·0.075·(1/100 + 1/100)) = 0.037249, z = 0.09 / se = 2.416.
        Proportions.DecreaseZ(97, 100, 88, 100).ShouldBe(0.09 / Math.Sqrt(0.925 * 0.075 * 0.02), 1e-12);
        Proportions.DecreaseZ(88, 100, 97, 100).ShouldBeLessThan(0, "a rise is not a fall");
        Proportions.DecreaseZ(50, 50, 20, 20).ShouldBe(0, "all correct in both: no evidence of a change");
    }
}
