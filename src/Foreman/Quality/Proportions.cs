namespace Foreman.Quality;

/// <summary>
/// The small amount of statistics quality verdicts need: quantiles of the standard normal distribution and a
/// two-proportion test. Implemented here so the core stays dependency-free.
/// </summary>
public static class Proportions
{
    // Rational approximation of the normal quantile after P. J. Acklam (relative error below 1.2e-9 over (0, 1)):
    // a central region and two tails, each a ratio of polynomials.
    private const double TailStart = 0.02425;
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    /// <summary>The quantile of the standard normal distribution: the z with P(Z ≤ z) = <paramref name="probability"/>.</summary>
    /// <param name="probability">The probability, in (0, 1).</param>
    /// <returns>The quantile (1.959964 for 0.975).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The probability is not in (0, 1).</exception>
    public static double NormalQuantile(double probability)
    {
        if (probability is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability strictly between 0 and 1 is needed.");
        }

        if (probability < TailStart)
        {
            var q = Math.Sqrt(-2 * Math.Log(probability));
            return Polynomial(C, q) / ((Polynomial(D, q) * q) + 1);
        }

        if (probability > 1 - TailStart)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - probability));
            return -Polynomial(C, q) / ((Polynomial(D, q) * q) + 1);
        }

        var x = probability - 0.5;
        var r = x * x;
        return Polynomial(A, r) * x / ((Polynomial(B, r) * r) + 1);
    }

    /// <summary>The z of a two-sided interval at a confidence level (1.96 at 0.95): the normal quantile of 1 − (1 − level) / 2.</summary>
    /// <param name="confidence">The confidence level, in (0, 1).</param>
    /// <returns>The z.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 1).</exception>
    public static double TwoSidedZ(double confidence)
    {
        if (confidence is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level strictly between 0 and 1 is needed, for example 0.95.");
        }

        return NormalQuantile(1 - ((1 - confidence) / 2));
    }

    /// <summary>
    /// The pooled two-proportion z statistic for "the rate fell from <paramref name="before"/> to
    /// <paramref name="after"/>": positive when it fell. Compare it with <see cref="NormalQuantile"/> of the
    /// one-sided confidence. Both groups identical in rate (or all successes, or none) give 0.
    /// </summary>
    /// <param name="successesBefore">Successes in the earlier group.</param>
    /// <param name="before">Trials in the earlier group, at least 1.</param>
    /// <param name="successesAfter">Successes in the later group.</param>
    /// <param name="after">Trials in the later group, at least 1.</param>
    /// <returns>The z statistic.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static double DecreaseZ(int successesBefore, int before, int successesAfter, int after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(before, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(after, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successesBefore);
        ArgumentOutOfRangeException.ThrowIfNegative(successesAfter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successesBefore, before);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successesAfter, after);
        var pooled = (double)(successesBefore + successesAfter) / (before + after);
        var variance = pooled * (1 - pooled) * ((1.0 / before) + (1.0 / after));
        return variance <= 0 ? 0 : (((double)successesBefore / before) - ((double)successesAfter / after)) / Math.Sqrt(variance);
    }

    private static double Polynomial(double[] coefficients, double x)
    {
        var sum = 0d;
        foreach (var c in coefficients)
        {
            sum = (sum * x) + c;
        }

        return sum;
    }
}
