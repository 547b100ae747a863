using Foreman.Reviews;
using Foreman.Server.Metrics;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Alerts;

/// <summary>
/// Alerts every Foreman server raises from what it can see itself: dead-lettered and suspended runs, reviews past
/// their SLA, server errors on the API, loop detections and guardrail rejections.
/// </summary>
internal sealed class OperationalAlerts(IWorkflowStore store, IReviewStore reviews, MetricsSampler metrics, TimeProvider time) : IAlertSource
{
    public async Task<IReadOnlyList<ServerAlert>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var alerts = new List<ServerAlert>();
        var snapshot = await metrics.LatestAsync(cancellationToken);
        var dead = await store.ListRunsAsync(new RunQuery { Status = RunStatus.DeadLettered, Limit = 500 }, cancellationToken);
        if (dead.Count > 0)
        {
            alerts.Add(new ServerAlert("dead-letters", "warning", $"{dead.Count} dead-lettered run(s)", $"Runs gave up after their retries, the latest {dead[0].RunId} ({dead[0].Workflow}). Inspect and re-queue them on the Dead letters page.", "workflow engine", dead.Min(r => r.UpdatedAt)));
        }

        var suspended = await store.ListRunsAsync(new RunQuery { Status = RunStatus.Suspended, Limit = 500 }, cancellationToken);
        if (suspended.Count > 0)
        {
            alerts.Add(new ServerAlert("suspended-runs", "critical", $"{suspended.Count} suspended run(s)", "Replay diverged from the journal (the workflow code changed under a running run). Fix the code, then re-queue.", "workflow engine", suspended.Min(r => r.UpdatedAt)));
        }

        var now = time.GetUtcNow();
        var overdue = (await reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending), cancellationToken)).Where(i => i.DueAt < now).ToList();
        if (overdue.Count > 0)
        {
            alerts.Add(new ServerAlert("reviews-overdue", "warning", $"{overdue.Count} review(s) past their SLA", $"The oldest, {overdue.MinBy(i => i.DueAt)!.ItemId}, was due {overdue.Min(i => i.DueAt):u}. Its timeout path runs when its run wakes.", "review queue", overdue.Min(i => i.DueAt)));
        }

        if (snapshot.RequestSuccessRate < 0.95)
        {
            alerts.Add(new ServerAlert("api-errors", "critical", $"API server errors: {1 - snapshot.RequestSuccessRate:P1} of requests", "More than 5% of API requests in the last five minutes failed with a 5xx; see the server log.", "server", null));
        }

        if (snapshot.LoopDetections > 0)
        {
            alerts.Add(new ServerAlert("loop-detections", "warning", $"{snapshot.LoopDetections} loop detection(s) since start", "Agents repeated the same tool call and were stopped; check their instructions and tools.", "agent runtime", null));
        }

        if (snapshot.GuardrailRejections > 0)
        {
            alerts.Add(new ServerAlert("guardrail-rejections", "info", $"{snapshot.GuardrailRejections} guardrail rejection(s) since start", "Inputs or outputs were rejected by a guardrail (possible prompt injection or out-of-scope requests).", "guardrails", null));
        }

        return alerts;
    }
}
