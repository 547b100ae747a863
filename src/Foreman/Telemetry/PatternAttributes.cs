namespace Foreman.Telemetry;

/// <summary>
/// Span names and attribute names of the orchestration patterns (<c>Foreman.Patterns</c>). GenAI names are used
/// where the OpenTelemetry conventions define one (<see cref="GenAIAttributes.OperationName"/> is
/// <c>invoke_agent</c> on supervisor spans, <see cref="GenAIAttributes.AgentName"/> names the agent); everything
/// else is Foreman's own under <c>foreman.</c>. docs/patterns.md lists them all in one table.
/// </summary>
public static class PatternAttributes
{
    /// <summary>The pattern that emitted the span: supervisor, router, task, consensus, chain_step, graph_node.</summary>
    public const string Pattern = "foreman.pattern";

    /// <summary>The task id of an orchestrator–worker task.</summary>
    public const string TaskId = "foreman.task.id";

    /// <summary>The kind of task (the capability asked for).</summary>
    public const string TaskKind = "foreman.task.kind";

    /// <summary>The worker that handled a task.</summary>
    public const string Worker = "foreman.worker";

    /// <summary>The status a worker or pattern ended with: success, failure, needs_human.</summary>
    public const string Status = "foreman.status";

    /// <summary>The routes a router chose, comma-separated.</summary>
    public const string Route = "foreman.route";

    /// <summary>Why the router chose its routes.</summary>
    public const string RouteReason = "foreman.route.reason";

    /// <summary>What decided the route: rules or model.</summary>
    public const string RouterKind = "foreman.router.kind";

    /// <summary>The nesting level of a supervisor: 1 for the top, 2 for a supervisor inside it, and so on.</summary>
    public const string Level = "foreman.supervisor.level";

    /// <summary>The milliseconds a supervisor level adds on top of its slowest sub-agent (routing, validation, consolidation).</summary>
    public const string LevelSelfMilliseconds = "foreman.supervisor.self_ms";

    /// <summary>How many sub-agents escalated to a person.</summary>
    public const string Escalations = "foreman.escalations";

    /// <summary>How many conflicts the consolidator resolved or flagged.</summary>
    public const string Conflicts = "foreman.conflicts";

    /// <summary>The consensus strategy: majority, median, union.</summary>
    public const string ConsensusStrategy = "foreman.consensus.strategy";

    /// <summary>The number of consensus instances.</summary>
    public const string ConsensusInstances = "foreman.consensus.instances";

    /// <summary>The share of instances that agree with the result, 0 to 1.</summary>
    public const string ConsensusAgreement = "foreman.consensus.agreement";

    /// <summary>The consensus outcome: agreed or escalate.</summary>
    public const string ConsensusOutcome = "foreman.consensus.outcome";

    /// <summary>A chain step's name.</summary>
    public const string ChainStep = "foreman.chain.step";

    /// <summary>A chain step's 1-based position.</summary>
    public const string ChainStepIndex = "foreman.chain.step.index";

    /// <summary>The size in UTF-8 bytes of the context a step received.</summary>
    public const string ContextBytes = "foreman.context.bytes";

    /// <summary>The size in UTF-8 bytes of the context a step passed forward after compression.</summary>
    public const string ForwardedBytes = "foreman.context.forwarded_bytes";

    /// <summary>A dependency-graph node's name.</summary>
    public const string GraphNode = "foreman.graph.node";

    /// <summary>The wave (0-based) a graph node ran in: nodes of one wave run in parallel.</summary>
    public const string GraphWave = "foreman.graph.wave";

    /// <summary>The model tier a task type was routed to.</summary>
    public const string Tier = "foreman.model.tier";
}
