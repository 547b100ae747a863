using System.Text.Json;
using Foreman.Patterns;
using Foreman.Patterns.Consensus;
using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Samples.Pipelines;

/// <summary>
/// Runs an amount consensus and keeps every instance's reading and cost in the output, so the pipelines can
/// report agreement and the evidence can count per-instance errors against ground truth.
/// </summary>
internal static class AmountConsensus
{
    public static async Task<WorkResult> RunAsync(WorkflowContext context, ConsensusWorker consensus, WorkTask task)
    {
        var result = await consensus.RunAsync(context, task);
        var reading = new AmountReading(
            result.Value is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null,
            result.Agreement,
            [.. result.Votes.Select(vote => vote.Value is { ValueKind: JsonValueKind.Number } n ? n.GetDecimal() : (decimal?)null)],
            [.. result.Votes.Select(vote => vote.Cost)],
            result.Flags);
        return new WorkResult
        {
            TaskId = task.TaskId,
            Worker = consensus.Name,
            Status = result.Outcome == ConsensusOutcome.Agreed ? WorkStatus.Success : WorkStatus.NeedsHuman,
            Output = JsonSerializer.SerializeToElement(reading, PatternJson.Options),
            Error = result.Reason,
            Confidence = result.Confidence,
            Cost = result.Cost,
        };
    }

    public static AmountReading? Read(WorkResult? result) =>
        result?.Output is { ValueKind: JsonValueKind.Object } output ? output.Deserialize<AmountReading>(PatternJson.Options) : null;
}
