namespace Foreman.Samples.Quality;

/// <summary>What the monitored pipeline produced for one invoice.</summary>
/// <param name="Output">The extracted fields (JSON), from the agent or from the person who did its work.</param>
/// <param name="RoutedToReview">Whether the agent was disabled and a person did the work.</param>
/// <param name="ReviewItemId">The manual review item, when routed.</param>
/// <param name="SampleId">The quality sample, when the output was sampled.</param>
public sealed record ExtractionOutcome(string? Output, bool RoutedToReview, string? ReviewItemId, string? SampleId);
