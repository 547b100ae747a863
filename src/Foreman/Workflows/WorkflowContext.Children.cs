using System.Text.Json;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>Child workflows and parallel branches.</summary>
public sealed partial class WorkflowContext
{
    /// <summary>
    /// Starts a child workflow and waits durably for it to finish. The child is created once (its id is derived
    /// from this position), runs on any worker, and reports back to this run when it ends.
    /// </summary>
    /// <typeparam name="TInput">The child's input type.</typeparam>
    /// <typeparam name="TOutput">The child's output type.</typeparam>
    /// <param name="workflow">The child's workflow name.</param>
    /// <param name="input">The child's input.</param>
    /// <returns>The child's outcome.</returns>
    public async Task<ChildResult<TOutput>> RunChildAsync<TInput, TOutput>(string workflow, TInput input)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var key = NextKey();
        var entry = _execution.Find(key, JournalEntryKind.Child, workflow);
        var child = entry?.Payload is { } stored ? WorkflowJson.Deserialize<ChildPayload>(stored)! : null;
        if (entry is { State: JournalEntryState.Completed } && child is not null)
        {
            return ToChildResult<TOutput>(child);
        }

        if (child is null)
        {
            // The idempotency key makes creation safe to repeat if we crash before recording the child's id.
            var childId = $"{RunId}.{key.Replace('/', '.')}";
            var now = _execution.Time.GetUtcNow();
            await _execution.Store.CreateRunAsync(new NewRun(childId, workflow, JsonSerializer.Serialize(input, SerializerOptions), $"child:{childId}", RunId, now), _execution.LeaseToken);
            child = new ChildPayload(childId);
            await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Child, workflow, JournalEntryState.Pending, WorkflowJson.Serialize(child)));
            _execution.Engine.Signal();
        }

        var eventName = $"child:{child.ChildRunId}";
        if (_execution.TakeEvent(eventName) is { } finished)
        {
            var outcome = ReadChildEvent(finished.Payload, child.ChildRunId);
            await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Child, workflow, JournalEntryState.Completed, WorkflowJson.Serialize(outcome)));
            return ToChildResult<TOutput>(outcome);
        }

        return await _execution.Block<ChildResult<TOutput>>(null, eventName);
    }

    /// <summary>
    /// Runs branches concurrently, each with its own journal positions, and returns their results in order.
    /// Replays are deterministic however the branches interleave.
    /// </summary>
    /// <typeparam name="T">The branch result type.</typeparam>
    /// <param name="branches">The branches; each receives its own context.</param>
    /// <returns>The results, in the order of <paramref name="branches"/>.</returns>
    public Task<T[]> ParallelAsync<T>(params IEnumerable<Func<WorkflowContext, Task<T>>> branches)
    {
        ArgumentNullException.ThrowIfNull(branches);
        var key = NextKey();
        var tasks = branches.Select((branch, i) => branch(new WorkflowContext(_execution, $"{key}/{i + 1}/", _stepDefaults))).ToArray();
        return Task.WhenAll(tasks);
    }

    // The store reports output and error either as JSON text in a string or as embedded JSON; accept both.
    private static ChildPayload ReadChildEvent(string payload, string childRunId)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return new ChildPayload(childRunId, Text(root, "status"), Text(root, "output"), Text(root, "error"));
        }
        catch (JsonException)
        {
            return new ChildPayload(childRunId, nameof(RunStatus.Failed), null, WorkflowJson.Error(new RunError("corrupt_event", "The child's completion event could not be read.")));
        }

        static string? Text(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
                ? value.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => value.GetString(), _ => value.GetRawText() }
                : null;
    }

    private ChildResult<T> ToChildResult<T>(ChildPayload payload)
    {
        var status = Enum.TryParse<RunStatus>(payload.Status, ignoreCase: true, out var parsed) ? parsed : RunStatus.Failed;
        var output = status == RunStatus.Completed && payload.Output is not null ? JsonSerializer.Deserialize<T>(payload.Output, SerializerOptions) : default;
        return new ChildResult<T>(payload.ChildRunId, status, output, WorkflowJson.ReadError(payload.Error));
    }
}
