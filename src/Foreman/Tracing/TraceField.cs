namespace Foreman.Tracing;

/// <summary>A field of <see cref="TraceRunSummary"/> a trace query can filter on.</summary>
public enum TraceField
{
    /// <summary><c>agent</c>: one of the agents that ran (equality only).</summary>
    Agent,

    /// <summary><c>pipeline</c>: the workflow (or <c>agent:{name}</c>).</summary>
    Pipeline,

    /// <summary><c>status</c>: the run's status.</summary>
    Status,

    /// <summary><c>retries</c>: retried model calls plus extra tool attempts.</summary>
    Retries,

    /// <summary><c>cost</c>: inference cost.</summary>
    Cost,

    /// <summary><c>duration</c>: seconds from first span to last.</summary>
    Duration,

    /// <summary><c>tool_errors</c>: tool calls that ended in an error.</summary>
    ToolErrors,

    /// <summary><c>confidence</c>: the lowest confidence of a successful agent invocation.</summary>
    Confidence,

    /// <summary><c>correct</c>: the ground-truth verdict (<c>true</c>, <c>false</c>, or <c>unknown</c>).</summary>
    Correct,

    /// <summary><c>loops</c>: loop detections.</summary>
    Loops,

    /// <summary><c>tokens</c>: input plus output tokens.</summary>
    Tokens,

    /// <summary><c>model_calls</c>: model calls.</summary>
    ModelCalls,

    /// <summary><c>validation_failures</c>: invocations whose output failed validation at least once.</summary>
    ValidationFailures,
}
