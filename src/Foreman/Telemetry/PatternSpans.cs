using System.Diagnostics;

namespace Foreman.Telemetry;

/// <summary>Starts the spans of the orchestration patterns, so every pattern names them the same way.</summary>
internal static class PatternSpans
{
    public static Activity? Start(string name, string pattern, string? agentName = null, bool invokeAgent = false)
    {
        var activity = ForemanTelemetry.Source.StartActivity(name, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(PatternAttributes.Pattern, pattern);
        if (invokeAgent)
        {
            activity.SetTag(GenAIAttributes.OperationName, "invoke_agent");
        }

        if (agentName is not null)
        {
            activity.SetTag(GenAIAttributes.AgentName, agentName);
        }

        return activity;
    }
}
