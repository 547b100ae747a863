using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>
/// The durable context of a workflow run. Every operation is journaled at a position derived from the order in
/// which the code asks for it, so that a replay after a crash or a wait returns recorded results instead of
/// redoing work. Parallel branches (<see cref="ParallelAsync{T}"/>) get their own positions. Not thread-safe
/// except through <see cref="ParallelAsync{T}"/>: each branch has its own context.
/// </summary>
public sealed partial class WorkflowContext
{
    private readonly RunExecution _execution;
    private readonly string _prefix;
    private int _position;
    private int _guids;
    private readonly StepOptions? _stepDefaults;
    private Random? _random;

    internal WorkflowContext(RunExecution execution, string prefix, StepOptions? stepDefaults = null)
    {
        _execution = execution;
        _prefix = prefix;
        _stepDefaults = stepDefaults;
    }

    /// <summary>Gets the run id.</summary>
    public string RunId => _execution.Run.RunId;

    /// <summary>Gets the workflow name.</summary>
    public string WorkflowName => _execution.Run.Workflow;

    /// <summary>Gets the JSON options for inputs, outputs and step results.</summary>
    public JsonSerializerOptions SerializerOptions => _execution.Engine.SerializerOptions;

    /// <summary>Gets services registered with the engine, or <see langword="null"/>.</summary>
    public IServiceProvider? Services => _execution.Engine.Services;

    /// <summary>Gets the token cancelled when this worker loses the run (lease lost, run cancelled, shutdown).</summary>
    public CancellationToken CancellationToken => _execution.LeaseToken;

    /// <summary>
    /// Gets the current time, recorded the first time the code reads it at this position, so replays see the
    /// same value. Use it instead of the system clock.
    /// </summary>
    public DateTimeOffset UtcNow
    {
        get
        {
            var key = NextKey();
            var entry = _execution.Find(key, JournalEntryKind.Value, "now");
            if (entry?.Payload is { } recorded)
            {
                return JsonSerializer.Deserialize<DateTimeOffset>(recorded);
            }

            var now = _execution.Time.GetUtcNow();
            _execution.Buffer(_execution.NewEntry(key, JournalEntryKind.Value, "now", JournalEntryState.Completed, JsonSerializer.Serialize(now)));
            return now;
        }
    }

    /// <summary>Gets a random source that yields the same sequence on every replay of this branch.</summary>
    public Random Random => _random ??= new Random(Seed("random"));

    /// <summary>Returns an id that is the same on every replay of this position.</summary>
    /// <returns>A GUID derived from the run id and the count of ids asked for so far in this branch.</returns>
    public Guid NewGuid()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{RunId}|{_prefix}|guid|{++_guids}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>
    /// Returns a context for a self-contained part of the workflow (a state of a state machine, one attempt of
    /// it) with its own journal positions, so the part can be re-run without disturbing what follows it.
    /// </summary>
    /// <param name="label">A label for the scope (part of its journal positions).</param>
    /// <param name="stepDefaults">Step options for steps in the scope that pass none, or <see langword="null"/> to inherit.</param>
    /// <returns>The scoped context.</returns>
    public WorkflowContext Scope(string label, StepOptions? stepDefaults = null) =>
        new(_execution, $"{NextKey()}/{label}/", stepDefaults ?? _stepDefaults);

    internal string NextKey() => _prefix + (++_position).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal RunExecution Execution => _execution;

    internal StepOptions StepDefaults => _stepDefaults ?? _execution.Engine.DefaultStepOptions;

    private int Seed(string purpose) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{RunId}|{_prefix}|{purpose}")), 0);
}
