namespace Foreman.Agents;

/// <summary>Why an agent run stopped.</summary>
public enum StopReason
{
    /// <summary>The model gave a final answer that passed validation.</summary>
    Completed,

    /// <summary>An input guardrail rejected the request before any model call.</summary>
    GuardrailRejected,

    /// <summary>A budget reached its threshold and the fallback escalated to a human.</summary>
    BudgetEscalated,

    /// <summary>A budget reached its threshold and the fallback produced a simplified answer.</summary>
    BudgetSimplifiedAnswer,

    /// <summary>A budget reached its threshold and the fallback declined politely.</summary>
    BudgetDeclined,

    /// <summary>The wall-clock limit passed during a call.</summary>
    TimeLimit,

    /// <summary>The same tool call was repeated; the run was interrupted.</summary>
    LoopDetected,

    /// <summary>A tool needs a human's approval.</summary>
    ApprovalRequired,

    /// <summary>The final output failed its schema or grounding checks and no correction was possible.</summary>
    OutputRejected,

    /// <summary>The model call failed and retries did not help.</summary>
    ModelFailed,

    /// <summary>The prompt no longer fits the model's context window.</summary>
    ContextWindowExceeded,
}
