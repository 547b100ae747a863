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

    /// <summary>The workflow's registered name, on the run span.</summary>
    public const string WorkflowName = "foreman.workflow.name";

    /// <summary>The run's lifecycle status after this execution (completed, failed, waiting, …), on the run span.</summary>
    public const string RunStatus = "foreman.run.status";

    /// <summary>The parent run, on a child workflow's run span.</summary>
    public const string ParentRunId = "foreman.run.parent_id";

    /// <summary>Which claim of the run this execution is (1 for the first; replays after waits or crashes count up).</summary>
    public const string RunClaim = "foreman.run.claim";

    /// <summary>Whether a model call repeated or corrected earlier work (a retry or a repair).</summary>
    public const string Retry = "foreman.retry";

    /// <summary>Model calls of an agent invocation that were retries or repairs.</summary>
    public const string RetryCount = "foreman.retry_count";

    /// <summary>The agent invocation's status: Succeeded, Failed, NeedsHuman.</summary>
    public const string AgentStatus = "foreman.agent.status";

    /// <summary>Output validation problems seen during an invocation (including ones the model corrected).</summary>
    public const string ValidationProblems = "foreman.validation.problems";

    /// <summary>The prompt messages as JSON (sensitive: only with opt-in).</summary>
    public const string InputMessages = "gen_ai.input.messages";

    /// <summary>The model's reply as JSON (sensitive: only with opt-in).</summary>
    public const string OutputMessages = "gen_ai.output.messages";

    /// <summary>The tool call's result as the model saw it (sensitive: only with opt-in).</summary>
    public const string ToolCallResult = "gen_ai.tool.call.result";

    /// <summary>The agent's final output (sensitive: only with opt-in).</summary>
    public const string Output = "foreman.output";

    /// <summary>The request's maximum completion tokens.</summary>
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";

    /// <summary>On an agent span: the invocation was replayed from the workflow journal (no model or tool was called again).</summary>
    public const string Replayed = "foreman.replayed";

    /// <summary>The request's temperature.</summary>
    public const string RequestTemperature = "gen_ai.request.temperature";
}
