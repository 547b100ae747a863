namespace Foreman.Quality;

/// <summary>Where an agent's measured accuracy stands against its thresholds.</summary>
public enum QualityLevel
{
    /// <summary>Fewer verified samples than <see cref="QualityOptions.MinimumSamples"/>: no verdict yet.</summary>
    InsufficientData,

    /// <summary>At or above the warning threshold.</summary>
    Healthy,

    /// <summary>Below the warning threshold.</summary>
    Warning,

    /// <summary>Below the error threshold.</summary>
    Error,

    /// <summary>Below the critical threshold: the agent is disabled and its work goes to manual review.</summary>
    Critical,
}
