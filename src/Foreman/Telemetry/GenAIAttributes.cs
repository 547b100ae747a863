namespace Foreman.Telemetry;

/// <summary>Span attribute names: the OpenTelemetry GenAI semantic conventions, plus Foreman's own under <c>foreman.</c>.</summary>
public static class GenAIAttributes
{
    /// <summary>The operation: <c>chat</c>, <c>execute_tool</c>, <c>invoke_agent</c>.</summary>
    public const string OperationName = "gen_ai.operation.name";

    /// <summary>The provider, for example <c>openai</c>.</summary>
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>The model asked for.</summary>
    public const string RequestModel = "gen_ai.request.model";

    /// <summary>The model that answered.</summary>
    public const string ResponseModel = "gen_ai.response.model";

    /// <summary>Prompt tokens.</summary>
    public const string InputTokens = "gen_ai.usage.input_tokens";

    /// <summary>Completion tokens.</summary>
    public const string OutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>Why the model stopped.</summary>
    public const string FinishReasons = "gen_ai.response.finish_reasons";

    /// <summary>The agent's name.</summary>
    public const string AgentName = "gen_ai.agent.name";

    /// <summary>The tool's name.</summary>
    public const string ToolName = "gen_ai.tool.name";

    /// <summary>The model's id for the tool call.</summary>
    public const string ToolCallId = "gen_ai.tool.call.id";

    /// <summary>The tool call's arguments (sensitive: only with opt-in).</summary>
    public const string ToolCallArguments = "gen_ai.tool.call.arguments";

    /// <summary>The type of error, per the OpenTelemetry general conventions.</summary>
    public const string ErrorType = "error.type";

    /// <summary>Cost of the operation in the catalog's currency.</summary>
    public const string Cost = "foreman.cost";

    /// <summary>The run id.</summary>
    public const string RunId = "foreman.run.id";

    /// <summary>The outcome of a tool call (ok, or the error kind).</summary>
    public const string ToolOutcome = "foreman.tool.outcome";

    /// <summary>Attempts a tool call or model call took.</summary>
    public const string Attempts = "foreman.attempts";

    /// <summary>The result of validation: valid or invalid.</summary>
    public const string Validation = "foreman.validation";

    /// <summary>The agent's reported or derived confidence.</summary>
    public const string Confidence = "foreman.confidence";

    /// <summary>Why an agent run stopped.</summary>
    public const string StopReason = "foreman.stop_reason";
}
