namespace Foreman.Tools;

/// <summary>Why a tool call did not produce a usable result.</summary>
public enum ToolErrorKind
{
    /// <summary>The model asked for a tool that does not exist in the agent's tool set.</summary>
    UnknownTool,

    /// <summary>The arguments were not valid JSON or failed the tool's argument schema; the tool did not run.</summary>
    InvalidArguments,

    /// <summary>The agent may not use tools with this effect; the tool did not run.</summary>
    PermissionDenied,

    /// <summary>The tool needs a human's approval before it runs.</summary>
    ApprovalRequired,

    /// <summary>The same call with the same arguments was repeated; the run is interrupted.</summary>
    RepeatedCall,

    /// <summary>The tool's rate limit was reached.</summary>
    RateLimited,

    /// <summary>The tool's circuit breaker is open after repeated failures.</summary>
    CircuitOpen,

    /// <summary>The tool did not answer within its timeout.</summary>
    Timeout,

    /// <summary>The tool ran and failed.</summary>
    Failed,

    /// <summary>The tool's result failed its result schema and was withheld from the model.</summary>
    InvalidResult,

    /// <summary>A budget of the run would be exceeded by the call.</summary>
    BudgetExceeded,
}
