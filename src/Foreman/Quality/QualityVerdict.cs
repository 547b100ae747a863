namespace Foreman.Quality;

/// <summary>
/// The ground truth for a sample: the expected output (compared field by field), or, when a reviewer only says
/// right or wrong, that judgement.
/// </summary>
public sealed record QualityVerdict
{
    /// <summary>Gets the expected output as JSON text, or <see langword="null"/> when only <see cref="Correct"/> is known.</summary>
    public string? Expected { get; init; }

    /// <summary>Gets the judgement when there is no expected output.</summary>
    public bool? Correct { get; init; }

    /// <summary>Gets who verified.</summary>
    public required string VerifiedBy { get; init; }
}
