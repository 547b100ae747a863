namespace Foreman.Autonomy;

/// <summary>Thresholds for moving levels with the track record.</summary>
public sealed class LevelAdjusterOptions
{
    /// <summary>Gets or sets the clean-approval rate at or above which a level is promoted. The default value is 0.98.</summary>
    public double PromoteAtOrAbove { get; set; } = 0.98;

    /// <summary>Gets or sets the clean-approval rate below which a level is demoted. The default value is 0.90.</summary>
    public double DemoteBelow { get; set; } = 0.90;

    /// <summary>Gets or sets how many reviewed decisions the window must hold before any change. The default value is 50.</summary>
    public int MinimumSamples { get; set; } = 50;

    /// <summary>Gets or sets how far back outcomes count. The default value is 30 days.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the least supervised level promotion may reach. The default value is <see cref="AutonomyLevel.Autonomous"/>.</summary>
    public AutonomyLevel MostAutonomous { get; set; } = AutonomyLevel.Autonomous;

    /// <summary>Gets or sets the most supervised level demotion may reach. The default value is <see cref="AutonomyLevel.ProposalWithApproval"/>.</summary>
    public AutonomyLevel MostSupervised { get; set; } = AutonomyLevel.ProposalWithApproval;
}
