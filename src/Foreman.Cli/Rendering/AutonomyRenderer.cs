using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Autonomy;

namespace Foreman.Cli.Rendering;

/// <summary>Renders decision types' standings and level changes for people (text) and scripts (JSON).</summary>
internal static class AutonomyRenderer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A level as <c>2 (proposal-with-approval)</c>.</summary>
    public static string Level(AutonomyLevel level) => $"{(int)level} ({Name(level)})";

    /// <summary>A level's name in kebab case, as the CLI accepts it.</summary>
    public static string Name(AutonomyLevel level) => level switch
    {
        AutonomyLevel.Autonomous => "autonomous",
        AutonomyLevel.AutonomousWithAudit => "autonomous-with-audit",
        AutonomyLevel.ProposalWithApproval => "proposal-with-approval",
        AutonomyLevel.AssistanceOnly => "assistance-only",
        _ => level.ToString(),
    };

    public static string Text(IReadOnlyList<(AutonomyStanding Standing, IReadOnlyList<LevelChange> Changes)> standings)
    {
        if (standings.Count == 0)
        {
            return "No level changes recorded; every decision type is at the policy's initial level." + Environment.NewLine;
        }

        var text = new StringBuilder();
        foreach (var (standing, changes) in standings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{standing.DecisionType}: level {Level(standing.Level)}{(standing.Pinned ? ", pinned" : string.Empty)}");
            if (changes.Count == 0)
            {
                text.AppendLine("  no level changes recorded (the policy's initial level applies).");
                continue;
            }

            foreach (var change in changes)
            {
                var evidence = change.Samples == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" [{change.CleanApprovals}/{change.Samples} clean]");
                text.AppendLine(CultureInfo.InvariantCulture, $"  {change.At:yyyy-MM-dd HH:mm:ss}Z  {change.Kind.ToString().ToLowerInvariant(),-9} {(int)change.From} -> {(int)change.To}  by {change.ChangedBy}: {change.Reason}{evidence}");
            }
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<(AutonomyStanding Standing, IReadOnlyList<LevelChange> Changes)> standings)
    {
        var array = new JsonArray();
        foreach (var (standing, changes) in standings)
        {
            var trail = new JsonArray();
            foreach (var change in changes)
            {
                trail.Add(new JsonObject
                {
                    ["kind"] = change.Kind.ToString().ToLowerInvariant(),
                    ["from"] = (int)change.From,
                    ["to"] = (int)change.To,
                    ["reason"] = change.Reason,
                    ["samples"] = change.Samples,
                    ["cleanApprovals"] = change.CleanApprovals,
                    ["at"] = change.At,
                    ["by"] = change.ChangedBy,
                });
            }

            array.Add(new JsonObject
            {
                ["decisionType"] = standing.DecisionType,
                ["level"] = (int)standing.Level,
                ["levelName"] = Name(standing.Level),
                ["pinned"] = standing.Pinned,
                ["changes"] = trail,
            });
        }

        return array.ToJsonString(Indented) + Environment.NewLine;
    }
}
