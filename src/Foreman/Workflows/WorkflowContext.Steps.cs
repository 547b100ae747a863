using System.Text.Json;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>Durable steps.</summary>
public sealed partial class WorkflowContext
{
    /// <summary>
    /// Runs <paramref name="body"/> once and journals its result; on replay, returns the recorded result without
    /// running it. A failure is retried per <see cref="StepOptions.Retry"/> with durable backoff; after the last
    /// attempt a <see cref="StepFailedException"/> is thrown here, the same way on every replay.
    /// </summary>
    /// <typeparam name="T">The result type (JSON-serializable).</typeparam>
    /// <param name="name">A name for the step, stable across releases.</param>
    /// <param name="body">The work: the only place for I/O and side effects.</param>
    /// <param name="options">Options; the default retries 3 times.</param>
    /// <returns>The result.</returns>
    public async Task<T> StepAsync<T>(string name, Func<StepContext, CancellationToken, Task<T>> body, StepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        var key = NextKey();
        var entry = _execution.Find(key, JournalEntryKind.Step, name);
        switch (entry?.State)
        {
            case JournalEntryState.Completed:
                return JsonSerializer.Deserialize<T>(entry.Payload ?? "null", SerializerOptions)!;
            case JournalEntryState.Failed:
                throw new StepFailedException(WorkflowJson.ReadError(entry.Payload) ?? new RunError("step_failed", "The step failed.", name, entry.Sequence, entry.Attempts));
            case JournalEntryState.Retrying when entry.DueAt > _execution.Time.GetUtcNow():
                return await _execution.Block<T>(entry.DueAt, null);
        }

        var policy = (options ?? StepDefaults).Retry;
        var attempt = (entry?.Attempts ?? 0) + 1;
        Exception? failure = null;
        var result = default(T)!;
        _execution.EnterStep();
        try
        {
            try
            {
                result = await body(new StepContext(RunId, name, key, attempt), _execution.LeaseToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_execution.LeaseToken.IsCancellationRequested)
            {
                failure = ex;
            }

            if (failure is null)
            {
                var payload = JsonSerializer.Serialize(result, SerializerOptions);
                await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Step, name, JournalEntryState.Completed, payload, attempt));
                return result;
            }

            var retryAt = await RecordFailureAsync(key, name, attempt, policy, failure);
            if (retryAt is null)
            {
                throw new StepFailedException(new RunError(failure.GetType().Name, failure.Message, name, null, attempt));
            }
        }
        finally
        {
            // Leave the step before parking, so the execution can see it has nothing left in flight.
            _execution.ExitStep();
        }

        return await _execution.Block<T>(null, null);
    }

    /// <summary>Runs a step without a result. See <see cref="StepAsync{T}"/>.</summary>
    /// <param name="name">A name for the step.</param>
    /// <param name="body">The work.</param>
    /// <param name="options">Options.</param>
    /// <returns>A task.</returns>
    public Task StepAsync(string name, Func<StepContext, CancellationToken, Task> body, StepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return StepAsync<bool>(name, async (step, ct) =>
        {
            await body(step, ct);
            return true;
        }, options);
    }

    // Records the failed attempt: a retry due later (returns its time), or the final failure (returns null).
    private async Task<DateTimeOffset?> RecordFailureAsync(string key, string name, int attempt, StepRetryPolicy policy, Exception exception)
    {
        var error = new RunError(exception.GetType().Name, exception.Message, name, null, attempt);
        if (attempt < policy.MaxAttempts && policy.Allows(exception))
        {
            // The retry is a durable timer: the run parks and a worker picks it up when it is due.
            var dueAt = _execution.Time.GetUtcNow() + policy.DelayBefore(attempt + 1, Random);
            await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Step, name, JournalEntryState.Retrying, WorkflowJson.Error(error), attempt, dueAt));
            _execution.AddWake(dueAt);
            return dueAt;
        }

        await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Step, name, JournalEntryState.Failed, WorkflowJson.Error(error), attempt));
        return null;
    }
}
