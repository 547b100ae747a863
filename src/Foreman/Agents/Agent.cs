using System.Text.RegularExpressions;
using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Schema;
using Foreman.Tools;

namespace Foreman.Agents;

/// <summary>
/// A validated, immutable agent: instructions, a model or tier, a small tool set, an output contract and limits.
/// Thread-safe; run it with <see cref="AgentRuntime"/>.
/// </summary>
public sealed partial class Agent
{
    /// <summary>The most tools an agent may have; models choose poorly among more.</summary>
    public const int MaxTools = 20;

    /// <summary>Above this many tools an agent is accepted with a warning.</summary>
    public const int WarnTools = 15;

    private Agent(AgentOptions options, List<string> warnings)
    {
        Name = options.Name;
        Instructions = options.Instructions;
        Model = options.Model;
        Tier = options.Tier;
        FallbackModel = options.FallbackModel;
        Tools = new ToolRegistry(options.Tools);
        AllowedEffects = options.AllowedEffects;
        OutputSchema = options.OutputSchema;
        GroundedFields = options.GroundedFields.ToArray();
        ConfidencePointer = options.ConfidencePointer;
        InputGuardrails = options.InputGuardrails.ToArray();
        Limits = options.Limits.Clone();
        Temperature = options.Temperature;
        MaxOutputTokens = options.MaxOutputTokens;
        MaxIdenticalCalls = options.MaxIdenticalCalls;
        MaxOutputCorrections = options.MaxOutputCorrections;
        ModelRetries = options.ModelRetries;
        ModelCallTimeout = options.ModelCallTimeout;
        RequestsPerMinute = options.RequestsPerMinute;
        TokensPerMinute = options.TokensPerMinute;
        MaxArgumentCharacters = options.MaxArgumentCharacters;
        Warnings = warnings;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the system instructions.</summary>
    public string Instructions { get; }

    /// <summary>Gets the model id, or <see langword="null"/> to use <see cref="Tier"/>.</summary>
    public string? Model { get; }

    /// <summary>Gets the tier.</summary>
    public ModelTier Tier { get; }

    /// <summary>Gets the model used when the primary fails, or <see langword="null"/>.</summary>
    public string? FallbackModel { get; }

    /// <summary>Gets the tools.</summary>
    public ToolRegistry Tools { get; }

    /// <summary>Gets the effects the agent may use.</summary>
    public ToolEffect AllowedEffects { get; }

    /// <summary>Gets the output schema, or <see langword="null"/>.</summary>
    public JsonSchema? OutputSchema { get; }

    /// <summary>Gets the grounded output fields.</summary>
    public IReadOnlyList<GroundedField> GroundedFields { get; }

    /// <summary>Gets where the model reports confidence.</summary>
    public string? ConfidencePointer { get; }

    /// <summary>Gets the input guardrails.</summary>
    public IReadOnlyList<IInputGuardrail> InputGuardrails { get; }

    /// <summary>Gets a copy of the limits.</summary>
    public AgentLimits Limits { get; }

    /// <summary>Gets the temperature.</summary>
    public float? Temperature { get; }

    /// <summary>Gets the most tokens per completion.</summary>
    public int MaxOutputTokens { get; }

    /// <summary>Gets the identical-call threshold.</summary>
    public int MaxIdenticalCalls { get; }

    /// <summary>Gets how many corrections of a rejected answer are asked for.</summary>
    public int MaxOutputCorrections { get; }

    /// <summary>Gets the model call retries.</summary>
    public int ModelRetries { get; }

    /// <summary>Gets the model call timeout.</summary>
    public TimeSpan ModelCallTimeout { get; }

    /// <summary>Gets the requests-per-minute limit.</summary>
    public int? RequestsPerMinute { get; }

    /// <summary>Gets the tokens-per-minute limit.</summary>
    public int? TokensPerMinute { get; }

    /// <summary>Gets the longest argument text accepted.</summary>
    public int MaxArgumentCharacters { get; }

    /// <summary>Gets warnings about the configuration that did not prevent building it (for example, more than 15 tools).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Validates options and builds an agent.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="AgentConfigurationException">The options are invalid; the message lists every problem.</exception>
    public static Agent Create(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Validate(options, out var warnings);
        return problems.Count == 0 ? new Agent(options, warnings) : throw new AgentConfigurationException(options.Name, problems);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Model ?? Tier.ToString()}, {Tools.Count} tools)";

    private static List<string> Validate(AgentOptions options, out List<string> warnings)
    {
        var problems = new List<string>();
        warnings = [];
        if (!ValidName().IsMatch(options.Name ?? string.Empty))
        {
            problems.Add("Name must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        if (options.Tools.Count > MaxTools)
        {
            problems.Add($"The agent has {options.Tools.Count} tools; the limit is {MaxTools}. Split the work between specialised agents.");
        }
        else if (options.Tools.Count > WarnTools)
        {
            warnings.Add($"The agent has {options.Tools.Count} tools; above {WarnTools} models choose tools less reliably.");
        }

        var duplicate = options.Tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"Two tools are named '{duplicate.Key}'.");
        }

        if (options.Tools.Any(t => t is null))
        {
            problems.Add("The tool list contains null.");
        }

        var unusable = options.Tools.Where(t => t is not null && (t.Effect & ~options.AllowedEffects) != ToolEffect.None).Select(t => t.Name).ToList();
        if (unusable.Count > 0)
        {
            warnings.Add($"Tools outside the allowed effects ({options.AllowedEffects}) are not offered to the model and are blocked if called: {string.Join(", ", unusable)}.");
        }

        problems.AddRange(options.Limits?.Validate() ?? ["Limits must be set."]);
        if (options.MaxOutputTokens < 1 || options.MaxIdenticalCalls < 2 || options.ModelRetries < 0 || options.MaxOutputCorrections < 0 || options.ModelCallTimeout <= TimeSpan.Zero || options.MaxArgumentCharacters < 2)
        {
            problems.Add("MaxOutputTokens must be positive, MaxIdenticalCalls at least 2, ModelRetries non-negative, ModelCallTimeout positive and MaxArgumentCharacters at least 2.");
        }

        if (options.RequestsPerMinute is <= 0 || options.TokensPerMinute is <= 0)
        {
            problems.Add("RequestsPerMinute and TokensPerMinute must be positive when set.");
        }

        if (options.GroundedFields.Count > 0 && options.OutputSchema is null)
        {
            problems.Add("Grounded fields need an output schema: free text has no fields.");
        }

        foreach (var field in options.GroundedFields.Where(f => !f.Pointer.StartsWith('/')))
        {
            problems.Add($"Grounded field '{field.Pointer}' is not a JSON Pointer (it must start with '/').");
        }

        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ValidName();
}
