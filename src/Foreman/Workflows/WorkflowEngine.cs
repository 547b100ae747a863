using System.Collections.Frozen;
using System.Text.Json;
using Foreman.Workflows.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreman.Workflows;

/// <summary>
/// The durable workflow engine: registered workflows over a store. Submits runs, delivers events, cancels and
/// re-queues; <see cref="WorkflowWorker"/>s execute the runs. Thread-safe.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly FrozenDictionary<string, IWorkflow> _workflows;
    private readonly List<Action> _listeners = [];
    private readonly Lock _listenersGate = new();

    /// <summary>Creates an engine.</summary>
    /// <param name="store">The durable store.</param>
    /// <param name="workflows">The workflows it can run; names must be unique.</param>
    /// <param name="options">Options; copied.</param>
    public WorkflowEngine(IWorkflowStore store, IEnumerable<IWorkflow> workflows, WorkflowEngineOptions? options = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentNullException.ThrowIfNull(workflows);
        var list = workflows.ToList();
        var duplicate = list.GroupBy(w => w.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two workflows are named '{duplicate.Key}'.", nameof(workflows));
        }

        _workflows = list.ToFrozenDictionary(w => w.Name, StringComparer.Ordinal);
        var o = options ?? new WorkflowEngineOptions();
        TimeProvider = o.TimeProvider;
        SerializerOptions = o.SerializerOptions;
        DefaultStepOptions = o.DefaultStepOptions;
        Services = o.Services;
        Logger = (o.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Foreman.Workflows");
    }

    /// <summary>Gets the store.</summary>
    public IWorkflowStore Store { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the JSON options for inputs, outputs and step results.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>Gets the names of the registered workflows.</summary>
    public IEnumerable<string> WorkflowNames => _workflows.Keys;

    internal StepOptions DefaultStepOptions { get; }

    internal IServiceProvider? Services { get; }

    internal ILogger Logger { get; }

    /// <summary>Submits a run. With an idempotency key, a repeated submission returns the existing run.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <param name="workflow">The workflow name.</param>
    /// <param name="input">The input.</param>
    /// <param name="idempotencyKey">The caller's key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run and whether this call created it.</returns>
    /// <exception cref="ArgumentException">No workflow has that name.</exception>
    public async Task<(RunRecord Run, bool Created)> SubmitAsync<TInput>(string workflow, TInput input, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        if (!_workflows.ContainsKey(workflow))
        {
            throw new ArgumentException($"No workflow is registered as '{workflow}'. Known: {string.Join(", ", _workflows.Keys)}.", nameof(workflow));
        }

        var now = TimeProvider.GetUtcNow();
        var runId = $"run_{Guid.CreateVersion7(now):N}";
        var created = await Store.CreateRunAsync(new NewRun(runId, workflow, JsonSerializer.Serialize(input, SerializerOptions), idempotencyKey, null, now), cancellationToken);
        Signal();
        return created;
    }

    /// <summary>Delivers an external event (a webhook, a human decision) to a run; wakes it if it waits.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="runId">The run.</param>
    /// <param name="eventName">The event name the workflow waits for.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="dedupeKey">A key that makes repeated deliveries of the same event harmless.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened.</returns>
    public async Task<DeliveryStatus> DeliverEventAsync<T>(string runId, string eventName, T payload, string? dedupeKey = null, CancellationToken cancellationToken = default)
    {
        var status = await Store.DeliverEventAsync(runId, eventName, JsonSerializer.Serialize(payload, SerializerOptions), dedupeKey, TimeProvider.GetUtcNow(), cancellationToken);
        Signal();
        return status;
    }

    /// <summary>Cancels a run that has not finished.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was cancelled.</returns>
    public Task<CommitStatus> CancelAsync(string runId, string reason, CancellationToken cancellationToken = default) =>
        Store.CancelAsync(runId, reason, TimeProvider.GetUtcNow(), cancellationToken);

    /// <summary>Re-queues a dead-lettered or suspended run; finished steps keep their results.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was re-queued.</returns>
    public async Task<CommitStatus> RequeueAsync(string runId, CancellationToken cancellationToken = default)
    {
        var status = await Store.RequeueAsync(runId, TimeProvider.GetUtcNow(), cancellationToken);
        Signal();
        return status;
    }

    /// <summary>Reads a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => Store.GetRunAsync(runId, cancellationToken);

    /// <summary>Reads a completed run's output.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="run">The run.</param>
    /// <returns>The output, or default when the run has none.</returns>
    public T? ReadOutput<T>(RunRecord run) =>
        run?.Output is { } output ? JsonSerializer.Deserialize<T>(output, SerializerOptions) : default;

    internal IWorkflow? Find(string name) => _workflows.GetValueOrDefault(name);

    /// <summary>Wakes in-process workers: new work may be ready.</summary>
    internal void Signal()
    {
        Action[] listeners;
        lock (_listenersGate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener();
        }
    }

    internal void Subscribe(Action listener)
    {
        lock (_listenersGate)
        {
            _listeners.Add(listener);
        }
    }

    internal void Unsubscribe(Action listener)
    {
        lock (_listenersGate)
        {
            _listeners.Remove(listener);
        }
    }
}
