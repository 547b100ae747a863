using System.Collections.Concurrent;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>
/// The state of one execution of a run, shared by the root context and its parallel branches: the journal
/// read at the start, what was recorded since, the waits that block progress, and the commits to the store.
/// Thread-safe: parallel branches use it concurrently.
/// </summary>
internal sealed class RunExecution
{
    private readonly Dictionary<string, JournalEntry> _journal;
    private readonly List<InboxEvent> _inbox;
    private readonly List<JournalEntry> _buffered = [];
    private readonly List<long> _consumed = [];
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset? WakeAt, string? Event)> _waits = [];
    private readonly TaskCompletionSource _quiescent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private int _sequence;
    private int _inFlight;
    private bool _closed;

    public RunExecution(RunRecord run, IReadOnlyList<JournalEntry> journal, IReadOnlyList<InboxEvent> inbox, WorkflowEngine engine, CancellationToken leaseToken)
    {
        Run = run;
        Engine = engine;
        LeaseToken = leaseToken;
        _journal = journal.ToDictionary(e => e.Key, StringComparer.Ordinal);
        _sequence = journal.Count == 0 ? 0 : journal.Max(e => e.Sequence);
        _inbox = inbox.ToList();
    }

    public RunRecord Run { get; }

    public WorkflowEngine Engine { get; }

    public CancellationToken LeaseToken { get; }

    public IWorkflowStore Store => Engine.Store;

    public TimeProvider Time => Engine.TimeProvider;

    /// <summary>Completes when the workflow can make no more progress in this execution (it waits for something).</summary>
    public Task Quiescent => _quiescent.Task;

    public string? BusinessState { get; private set; }

    /// <summary>Looks up the journal entry at <paramref name="key"/>, checking it is the same kind and name.</summary>
    public JournalEntry? Find(string key, JournalEntryKind kind, string name)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            _visited.Add(key);
            if (!_journal.TryGetValue(key, out var entry))
            {
                return null;
            }

            if (entry.Kind != kind || !string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                throw new WorkflowDivergenceException(
                    $"At position {key} the journal recorded {entry.Kind} '{entry.Name}', but the workflow code now asks for {kind} '{name}'. " +
                    "The code changed under a running workflow or is not deterministic.");
            }

            return entry;
        }
    }

    /// <summary>Creates an entry at <paramref name="key"/>, reusing the sequence of an earlier version of it.</summary>
    public JournalEntry NewEntry(string key, JournalEntryKind kind, string name, JournalEntryState state, string? payload, int attempts = 0, DateTimeOffset? dueAt = null)
    {
        lock (_gate)
        {
            var sequence = _journal.TryGetValue(key, out var existing) ? existing.Sequence : ++_sequence;
            return new JournalEntry
            {
                RunId = Run.RunId,
                Sequence = sequence,
                Key = key,
                Kind = kind,
                Name = name,
                State = state,
                Payload = payload,
                Attempts = attempts,
                DueAt = dueAt,
                RecordedAt = Time.GetUtcNow(),
            };
        }
    }

    /// <summary>Records an entry to be written with the next commit (values that matter only if more follows).</summary>
    public void Buffer(JournalEntry entry)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            _journal[entry.Key] = entry;
            _buffered.Add(entry);
        }
    }

    /// <summary>Writes an entry (and anything buffered) durably before the workflow goes on.</summary>
    public async Task CommitAsync(JournalEntry entry, string? businessState = null)
    {
        RunCommit commit;
        lock (_gate)
        {
            ThrowIfClosed();
            _journal[entry.Key] = entry;
            var entries = new List<JournalEntry>(_buffered.Count + 1);
            entries.AddRange(_buffered);
            entries.Add(entry);
            _buffered.Clear();
            var consumed = _consumed.ToArray();
            _consumed.Clear();
            if (businessState is not null)
            {
                BusinessState = businessState;
            }

            commit = new RunCommit { RunId = Run.RunId, Epoch = Run.Epoch, Entries = entries, ConsumedEvents = consumed, BusinessState = businessState, At = Time.GetUtcNow() };
        }

        CommitResult result;
        try
        {
            result = await Store.CommitAsync(commit, LeaseToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store failed (a dropped connection, a database restart): whether the commit landed is unknown, so
            // this execution must not go on, and the workflow must not see the error as its own failure and fail the
            // run. It is abandoned instead; its lease runs out and a worker resumes it from the journal.
            throw new LeaseLostException($"Run {Run.RunId}: the store failed while committing; the run resumes once its lease expires.", ex);
        }

        if (!result.IsCommitted)
        {
            throw new LeaseLostException($"Run {Run.RunId}: the store refused the commit ({result.Status}); another worker owns the run now or it was cancelled.");
        }
    }

    /// <summary>Takes the first unconsumed inbox event with one of the names, marking it consumed with the next commit.</summary>
    public InboxEvent? TakeEvent(string name)
    {
        lock (_gate)
        {
            var index = _inbox.FindIndex(e => string.Equals(e.Name, name, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var found = _inbox[index];
            _inbox.RemoveAt(index);
            _consumed.Add(found.Id);
            return found;
        }
    }

    /// <summary>Registers something the workflow waits for and returns a task that completes only on replay after it resolves.</summary>
    public Task<T> Block<T>(DateTimeOffset? wakeAt, string? eventName)
    {
        lock (_gate)
        {
            _waits.Add((wakeAt, eventName));
        }

        CheckQuiescent();
        return new TaskCompletionSource<T>().Task;
    }

    /// <summary>Registers a due time without blocking yet (the caller blocks after leaving its step).</summary>
    public void AddWake(DateTimeOffset wakeAt)
    {
        lock (_gate)
        {
            _waits.Add((wakeAt, null));
        }
    }

    public void EnterStep() => Interlocked.Increment(ref _inFlight);

    public void ExitStep()
    {
        Interlocked.Decrement(ref _inFlight);
        CheckQuiescent();
    }

    /// <summary>Stops the execution: no further operation reads or writes the journal.</summary>
    public (DateTimeOffset? WakeAt, IReadOnlyList<string> WaitingFor, IReadOnlyList<JournalEntry> Buffered, IReadOnlyList<long> Consumed) Close()
    {
        lock (_gate)
        {
            _closed = true;
            var wake = _waits.Where(w => w.WakeAt is not null).Select(w => w.WakeAt).DefaultIfEmpty(null).Min();
            var names = _waits.Where(w => w.Event is not null).Select(w => w.Event!).Distinct(StringComparer.Ordinal).ToArray();
            return (wake, names, _buffered.ToArray(), _consumed.ToArray());
        }
    }

    /// <summary>Keys of recorded entries the code never reached: a sign the code changed.</summary>
    public IReadOnlyList<string> UnvisitedKeys()
    {
        lock (_gate)
        {
            return _journal.Keys.Where(k => !_visited.Contains(k)).ToArray();
        }
    }

    public int NextSequenceHint() => _sequence;

    private void CheckQuiescent()
    {
        bool blocked;
        lock (_gate)
        {
            blocked = _waits.Count > 0;
        }

        if (blocked && Volatile.Read(ref _inFlight) == 0)
        {
            _quiescent.TrySetResult();
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new LeaseLostException($"Run {Run.RunId}: this execution has ended.");
        }

        LeaseToken.ThrowIfCancellationRequested();
    }
}
