using Foreman.Reviews;

namespace Foreman.Autonomy;

/// <summary>
/// Decides from a window of review outcomes whether a level moves. Pure: no clock, no store. Hysteresis comes
/// from the gap between <see cref="LevelAdjusterOptions.DemoteBelow"/> and
/// <see cref="LevelAdjusterOptions.PromoteAtOrAbove"/>: a rate between them changes nothing, so a level does not
/// flap around one threshold.
/// </summary>
public sealed class LevelAdjuster
{
    private readonly double _promote;
    private readonly double _demote;
    private readonly int _minimum;
    private readonly AutonomyLevel _floor;
    private readonly AutonomyLevel _ceiling;

    /// <summary>Creates an adjuster.</summary>
    /// <param name="options">Thresholds; copied.</param>
    /// <exception cref="ArgumentException">The thresholds leave no hysteresis band or the sample size is not positive.</exception>
    public LevelAdjuster(LevelAdjusterOptions? options = null)
    {
        var o = options ?? new LevelAdjusterOptions();
        if (o.DemoteBelow > o.PromoteAtOrAbove || o.MinimumSamples < 1 || o.Window <= TimeSpan.Zero)
        {
            throw new ArgumentException("DemoteBelow must not exceed PromoteAtOrAbove, MinimumSamples must be positive and Window must be positive.", nameof(options));
        }

        _promote = o.PromoteAtOrAbove;
        _demote = o.DemoteBelow;
        _minimum = o.MinimumSamples;
        _floor = o.MostAutonomous;
        _ceiling = o.MostSupervised;
        Window = o.Window;
    }

    /// <summary>Gets how far back outcomes count.</summary>
    public TimeSpan Window { get; }

    /// <summary>Computes the change the outcomes call for, if any.</summary>
    /// <param name="decisionType">The decision type.</param>
    /// <param name="current">The current level.</param>
    /// <param name="outcomes">The reviewed decisions in the window.</param>
    /// <param name="at">The time to stamp on the change.</param>
    /// <returns>The change, or <see langword="null"/> to stay.</returns>
    public LevelChange? Evaluate(string decisionType, AutonomyLevel current, IReadOnlyCollection<ReviewOutcome> outcomes, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var samples = outcomes.Count;
        if (samples < _minimum)
        {
            return null;
        }

        var clean = outcomes.Count(o => o.Verdict == ReviewStatus.Approved);
        var rate = (double)clean / samples;
        var evidence = $"{clean}/{samples} approved without modification ({rate:P1}) over {Window.TotalDays:0.#} days";
        if (rate >= _promote && current > _floor && current <= AutonomyLevel.ProposalWithApproval)
        {
            return new LevelChange(decisionType, current, current - 1, LevelChangeKind.Promotion, $"{evidence} ≥ {_promote:P1}", samples, clean, at, "tracker");
        }

        if (rate < _demote && current < _ceiling)
        {
            return new LevelChange(decisionType, current, current + 1, LevelChangeKind.Demotion, $"{evidence} < {_demote:P1}", samples, clean, at, "tracker");
        }

        return null;
    }
}
