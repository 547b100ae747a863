using System.Text.Json;
using Foreman.Server.Http;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Runs;

/// <summary>A run as the API shows it: status, input, result or error, what it waits for, and its inference cost.</summary>
internal sealed record RunView(
    string RunId,
    string Workflow,
    RunStatus Status,
    string? BusinessState,
    JsonElement? Input,
    JsonElement? Output,
    JsonElement? Error,
    IReadOnlyList<string> WaitingFor,
    DateTimeOffset? WakeAt,
    string? ParentRunId,
    string? IdempotencyKey,
    int Claims,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    RunCost? Cost)
{
    public static RunView From(RunRecord run, RunCost? cost = null) => new(
        run.RunId,
        run.Workflow,
        run.Status,
        run.BusinessState,
        Embedded.Parse(run.Input),
        Embedded.Parse(run.Output),
        Embedded.Parse(run.Error),
        run.WaitingFor,
        run.WakeAt,
        run.ParentRunId,
        run.IdempotencyKey,
        run.Claims,
        run.Version,
        run.CreatedAt,
        run.UpdatedAt,
        cost);
}
