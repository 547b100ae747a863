namespace Foreman.Quality;

/// <summary>Whether a sample has its ground truth yet.</summary>
public enum QualitySampleStatus
{
    /// <summary>Waiting for a verdict.</summary>
    Pending,

    /// <summary>Verified against ground truth.</summary>
    Verified,
}
