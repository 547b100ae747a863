namespace Foreman.Quality;

/// <summary>Where an agent's measured accuracy stands against its thresholds.</summary>
public enum QualityLevel
{
    /// <summary>Fewer verified samples than <see cref="QualityOptions.MinimumSamples"/>: no verdict yet.</summary>
    InsufficientData,

    /// <summary>No degradation is statistically clear (see <see cref="QualityStatus.Conclusive"/> for whether health is confirmed).</summary>
    Healthy,

    /// <summary>The accuracy interval fell wholly below the warning threshold (and its lower bound has not come back above it).</summary>
    Warning,

    /// <summary>The accuracy interval fell wholly below the error threshold (and its lower bound has not come back above it).</summary>
    Error,

    /// <summary>The accuracy interval fell wholly below the critical threshold: the agent is disabled and its work goes to manual review.</summary>
    Critical,
}
