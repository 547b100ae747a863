using System.Text.Json;
using Foreman.Agents;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Tools;
using Foreman.Workflows;

namespace Foreman.Quality;

/// <summary>Running agents under the monitor inside durable workflows.</summary>
public sealed partial class QualityMonitor
{
    /// <summary>The tool name of manual-processing review items: the reviewer does the disabled agent's work.</summary>
    public const string ManualProcessingAction = "manual_processing";

    /// <summary>
    /// Runs an agent inside a workflow under quality monitoring. When the agent is disabled, it does not run: a
    /// review item goes to the manual queue and the run waits (durably, holding no memory) for a person to supply
    /// the output by modifying the item, up to the manual SLA. Otherwise the agent runs as a durable step and its
    /// output is offered for sampling. Every decision is journaled, so a replay takes the same path.
    /// </summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="runtime">The agent runtime.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="input">The input.</param>
    /// <param name="taskType">The task type (use case).</param>
    /// <param name="inputKey">The key a labelled dataset knows the input by, or <see langword="null"/>.</param>
    /// <returns>What happened.</returns>
    public async Task<MonitoredAgentResult> RunAgentAsync(WorkflowContext context, AgentRuntime runtime, Agent agent, string input, string taskType, string? inputKey = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(agent);
        var disabled = await context.StepAsync("quality.disabled", (_, ct) => IsDisabledAsync(agent.Name, ct));
        if (disabled)
        {
            return await RouteToManualReviewAsync(context, agent, input, taskType);
        }

        var result = await context.RunAgentAsync(runtime, agent, input);
        var output = result.Output?.GetRawText() ?? result.Text;
        if (result.Status != AgentStatus.Succeeded || output is null)
        {
            return new MonitoredAgentResult { AgentResult = result, Output = output };
        }

        var observation = new QualityObservation
        {
            RunId = context.RunId,
            Pipeline = context.WorkflowName,
            Agent = agent.Name,
            TaskType = taskType,
            Output = output,
            Confidence = result.Confidence,
            InputKey = inputKey,
            Input = input,
            OutputSchema = agent.OutputSchema?.Source.GetRawText(),
        };
        var sampleId = await context.StepAsync("quality.observe", async (_, ct) => (await ObserveAsync(observation, ct))?.SampleId);
        return new MonitoredAgentResult { AgentResult = result, Output = output, SampleId = sampleId };
    }

    private async Task<MonitoredAgentResult> RouteToManualReviewAsync(WorkflowContext context, Agent agent, string input, string taskType)
    {
        if (_options.Reviews is not { } reviews)
        {
            throw new InvalidOperationException($"Agent '{agent.Name}' is disabled and QualityOptions.Reviews is not set, so there is no queue to route its work to.");
        }

        var itemId = $"rev_{context.NewGuid():N}";
        var now = context.UtcNow;
        var proposed = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = input });
        using var document = JsonDocument.Parse(proposed);
        var item = new ReviewItem
        {
            ItemId = itemId,
            Queue = _options.ManualQueue,
            RunId = context.RunId,
            DecisionType = $"manual:{taskType}",
            Level = AutonomyLevel.AssistanceOnly,
            Packet = new EscalationPacket
            {
                Goal = $"Do the work of '{agent.Name}' on {taskType}: the agent is disabled by the quality monitor.",
                DecisionNeeded = "Produce the output: modify this item with the values the agent should have returned.",
                Evidence = [new ReviewEvidence("input", "The input the agent would have received.", JsonSerializer.Serialize(input))],
                Urgency = ReviewUrgency.High,
            },
            ToolName = ManualProcessingAction,
            ProposedAction = proposed,
            ActionHash = ActionHash.Compute(ManualProcessingAction, document.RootElement),
            ActionSchema = agent.OutputSchema?.Source.GetRawText() ?? "{}",
            CreatedAt = now,
            DueAt = now + _options.ManualSla,
            HumanCost = _options.ReviewCostPerSample,
            CostCurrency = _options.Currency,
        };
        await context.StepAsync("quality.manual", async (_, ct) => (await reviews.CreateAsync(item, ct)).Item.ItemId);
        var wait = await context.WaitForEventAsync<ReviewEvent>(item.EventName, _options.ManualSla);
        if (!wait.Received || wait.Value is null)
        {
            var expired = await context.StepAsync("quality.manual.expire", async (_, ct) => (await reviews.ExpireAsync(itemId, now + _options.ManualSla, ct)).Item?.Status ?? ReviewStatus.Expired);
            return new MonitoredAgentResult { RoutedToReview = true, ReviewItemId = itemId, ReviewStatus = expired };
        }

        var decision = wait.Value;
        return new MonitoredAgentResult
        {
            RoutedToReview = true,
            ReviewItemId = itemId,
            ReviewStatus = decision.Status,
            Output = decision.Status == ReviewStatus.Modified ? decision.ApprovedAction : null,
        };
    }
}
