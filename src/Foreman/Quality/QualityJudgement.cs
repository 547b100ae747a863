namespace Foreman.Quality;

/// <summary>A window's level, whether its own evidence shows it, and why.</summary>
/// <param name="Level">The level.</param>
/// <param name="Conclusive">Whether the interval lies wholly within the level's band.</param>
/// <param name="Reason">One sentence for people.</param>
internal readonly record struct QualityJudgement(QualityLevel Level, bool Conclusive, string Reason);
