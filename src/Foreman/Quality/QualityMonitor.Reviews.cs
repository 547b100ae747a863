using System.Globalization;
using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Tools;

namespace Foreman.Quality;

/// <summary>Ground truth from people: samples go to the review queue; decisions come back as verdicts.</summary>
public sealed partial class QualityMonitor
{
    /// <summary>The tool name of ground-truth review items: the reviewer approves the output, or corrects it.</summary>
    public const string VerifyOutputAction = "verify_output";

    /// <summary>
    /// Turns decided ground-truth review items into verdicts: approved means the output was right; modified means
    /// the reviewer's values are the ground truth; rejected means it was wrong. Call it periodically (the alert
    /// loop does) or after decisions.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many samples were verified.</returns>
    public async Task<int> SyncReviewsAsync(CancellationToken cancellationToken)
    {
        if (_options.Reviews is not { } reviews)
        {
            return 0;
        }

        var verified = 0;
        var pending = await _store.ListSamplesAsync(new QualitySampleQuery(Status: QualitySampleStatus.Pending), cancellationToken);
        foreach (var sample in pending.Where(s => s.ReviewItemId is not null))
        {
            var item = await reviews.GetAsync(sample.ReviewItemId!, cancellationToken);
            QualityVerdict? verdict = item?.Status switch
            {
                ReviewStatus.Approved => new QualityVerdict { Correct = true, VerifiedBy = item.DecidedBy ?? "reviewer" },
                ReviewStatus.Modified => new QualityVerdict { Expected = item.ModifiedAction, VerifiedBy = item.DecidedBy ?? "reviewer" },
                ReviewStatus.Rejected => new QualityVerdict { Correct = false, VerifiedBy = item.DecidedBy ?? "reviewer" },
                _ => null,
            };
            if (verdict is not null)
            {
                await RecordVerdictAsync(sample.SampleId, verdict, cancellationToken);
                verified++;
            }
        }

        return verified;
    }

    private async Task<string> RequestReviewAsync(QualitySample sample, QualityObservation observation, CancellationToken cancellationToken)
    {
        var proposed = AsJson(sample.Output);
        using var document = JsonDocument.Parse(proposed);
        var now = _time.GetUtcNow();
        var item = new ReviewItem
        {
            ItemId = $"rev_{sample.SampleId}",
            Queue = _options.ReviewQueue,
            RunId = sample.RunId,
            DecisionType = $"quality:{sample.TaskType}",
            Level = AutonomyLevel.AutonomousWithAudit,
            Packet = new EscalationPacket
            {
                Goal = $"Ground truth for {sample.Agent} on {sample.TaskType} (quality sample).",
                DecisionNeeded = "Is this output correct? Approve it, correct the values (modify), or reject it as wrong.",
                Evidence = observation.Input is { } input ? [new ReviewEvidence("input", "The input the agent received.", JsonSerializer.Serialize(input))] : [],
                Confidence = sample.Confidence,
                Analysis = $"Sampled at {SampleRateFor(sample.TaskType).ToString("P0", CultureInfo.InvariantCulture)} of outputs.",
            },
            ToolName = VerifyOutputAction,
            ProposedAction = proposed,
            ActionHash = ActionHash.Compute(VerifyOutputAction, document.RootElement),
            ActionSchema = observation.OutputSchema ?? "{}",
            CreatedAt = now,
            DueAt = now + _options.Window,
            HumanCost = _options.ReviewCostPerSample,
            CostCurrency = _options.Currency,
        };
        var (created, _) = await _options.Reviews!.CreateAsync(item, cancellationToken);
        return created.ItemId;
    }

    private static string AsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(text);
        }
    }
}
