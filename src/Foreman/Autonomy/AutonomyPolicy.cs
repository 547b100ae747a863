namespace Foreman.Autonomy;

/// <summary>
/// Maps a decision to an autonomy level. The level a decision type has earned (see <see cref="AutonomyTracker"/>)
/// is the baseline; every matching <see cref="AutonomyRule"/> is a floor on top of it, and the strictest one wins,
/// so a track record can never talk its way past "purchase orders over 10,000 always need approval". A pinned
/// level overrides both. Immutable and thread-safe once built.
/// </summary>
public sealed class AutonomyPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="rules">The floors.</param>
    /// <param name="initialLevel">The level of a decision type without a track record. The default value is <see cref="AutonomyLevel.ProposalWithApproval"/>.</param>
    public AutonomyPolicy(IEnumerable<AutonomyRule> rules, AutonomyLevel initialLevel = AutonomyLevel.ProposalWithApproval)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        InitialLevel = initialLevel;
    }

    /// <summary>Gets the floors.</summary>
    public IReadOnlyList<AutonomyRule> Rules { get; }

    /// <summary>Gets the level of a decision type without a track record.</summary>
    public AutonomyLevel InitialLevel { get; }

    /// <summary>Resolves the level of one decision.</summary>
    /// <param name="request">The decision.</param>
    /// <param name="standing">The decision type's standing, or <see langword="null"/> when it has no track record.</param>
    /// <returns>The level.</returns>
    public AutonomyLevel Resolve(AutonomyRequest request, AutonomyStanding? standing = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (standing is { Pinned: true })
        {
            return standing.Level;
        }

        var level = standing?.Level ?? InitialLevel;
        foreach (var rule in Rules)
        {
            if (rule.Level > level && rule.Matches(request))
            {
                level = rule.Level;
            }
        }

        return level;
    }
}
