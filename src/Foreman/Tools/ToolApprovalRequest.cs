using System.Text.Json;

namespace Foreman.Tools;

/// <summary>An action waiting for approval, identified by the hash of its exact tool and arguments.</summary>
/// <param name="RunId">The run asking.</param>
/// <param name="AgentName">The agent asking.</param>
/// <param name="ToolName">The tool to run.</param>
/// <param name="Effect">What the tool does.</param>
/// <param name="Arguments">The exact arguments.</param>
/// <param name="ActionHash">See <see cref="Tools.ActionHash"/>.</param>
public sealed record ToolApprovalRequest(string RunId, string AgentName, string ToolName, ToolEffect Effect, JsonElement Arguments, string ActionHash);
