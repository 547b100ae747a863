namespace Foreman.Telemetry;

/// <summary>Values of <c>gen_ai.operation.name</c> on Foreman's spans.</summary>
public static class GenAIOperations
{
    /// <summary>A workflow run (one execution of it by a worker).</summary>
    public const string InvokeWorkflow = "invoke_workflow";

    /// <summary>An agent invocation.</summary>
    public const string InvokeAgent = "invoke_agent";

    /// <summary>A model call.</summary>
    public const string Chat = "chat";

    /// <summary>A tool call.</summary>
    public const string ExecuteTool = "execute_tool";
}
