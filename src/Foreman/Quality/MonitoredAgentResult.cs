using Foreman.Agents;
using Foreman.Reviews;

namespace Foreman.Quality;

/// <summary>What <see cref="QualityMonitor.RunAgentAsync"/> did: ran the agent (and maybe sampled it), or routed the work to a person.</summary>
public sealed record MonitoredAgentResult
{
    /// <summary>Gets the agent's result, or <see langword="null"/> when the agent was disabled and did not run.</summary>
    public AgentResult? AgentResult { get; init; }

    /// <summary>Gets a value indicating whether the work went to manual review because the agent is disabled.</summary>
    public bool RoutedToReview { get; init; }

    /// <summary>Gets the manual review item, when routed.</summary>
    public string? ReviewItemId { get; init; }

    /// <summary>Gets how the manual review ended (approved, modified, rejected, expired), when routed.</summary>
    public ReviewStatus? ReviewStatus { get; init; }

    /// <summary>Gets the quality sample, when the output was sampled.</summary>
    public string? SampleId { get; init; }

    /// <summary>Gets the output: the agent's (JSON or text), or the values the reviewer supplied; <see langword="null"/> when there is none.</summary>
    public string? Output { get; init; }
}
