using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Schema;
using Foreman.Tools;

namespace Foreman.Agents;

/// <summary>
/// Describes an agent. A plain options class: <see cref="Agent"/> validates it and copies what it needs, so
/// changing these values after the agent is built has no effect.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>Gets or sets the agent's name: letters, digits, '.', '_' and '-'.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the system instructions.</summary>
    public string Instructions { get; set; } = string.Empty;

    /// <summary>Gets or sets the model id, or <see langword="null"/> to use <see cref="Tier"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the tier used when <see cref="Model"/> is not set. The default value is <see cref="ModelTier.Standard"/>.</summary>
    public ModelTier Tier { get; set; } = ModelTier.Standard;

    /// <summary>Gets or sets a model to switch to when the primary fails and retries are spent, or <see langword="null"/>.</summary>
    public string? FallbackModel { get; set; }

    /// <summary>Gets the tools the agent may call; at most 20 (more than 15 draws a warning).</summary>
    public IList<ForemanTool> Tools { get; } = [];

    /// <summary>Gets or sets the effects the agent may use. The default value is <see cref="ToolEffect.Read"/>.</summary>
    public ToolEffect AllowedEffects { get; set; } = ToolEffect.Read;

    /// <summary>Gets or sets the schema the final output must satisfy, or <see langword="null"/> for free text.</summary>
    public JsonSchema? OutputSchema { get; set; }

    /// <summary>Gets the output fields that must be grounded in a tool result of the run.</summary>
    public IList<GroundedField> GroundedFields { get; } = [];

    /// <summary>Gets or sets where the model reports its confidence in the output. The default value is <c>/confidence</c>.</summary>
    public string? ConfidencePointer { get; set; } = "/confidence";

    /// <summary>Gets the input guardrails, run in order before the first step.</summary>
    public IList<IInputGuardrail> InputGuardrails { get; } = [];

    /// <summary>Gets or sets the run's limits.</summary>
    public AgentLimits Limits { get; set; } = new();

    /// <summary>Gets or sets the sampling temperature, or <see langword="null"/> for the model's default.</summary>
    public float? Temperature { get; set; }

    /// <summary>Gets or sets the most tokens per completion. The default value is 1,024.</summary>
    public int MaxOutputTokens { get; set; } = 1_024;

    /// <summary>Gets or sets how many identical calls (same tool, same arguments) anywhere in a run count as a loop. The default value is 3.</summary>
    public int MaxIdenticalCalls { get; set; } = 3;

    /// <summary>Gets or sets how many times a rejected answer is sent back for correction before the run fails with output-rejected. The default value is 2.</summary>
    public int MaxOutputCorrections { get; set; } = 2;

    /// <summary>Gets or sets retries of a transiently failed model call. The default value is 3.</summary>
    public int ModelRetries { get; set; } = 3;

    /// <summary>Gets or sets the timeout of one model call. The default value is 60 seconds.</summary>
    public TimeSpan ModelCallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the agent's model requests per minute across runs, or <see langword="null"/> for no limit.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the agent's model tokens per minute across runs, or <see langword="null"/> for no limit.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets or sets the longest argument text accepted before parsing. The default value is 100,000 characters.</summary>
    public int MaxArgumentCharacters { get; set; } = 100_000;
}
