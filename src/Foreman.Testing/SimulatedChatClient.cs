using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>
/// A deterministic, seeded stand-in for a chat model. An <see cref="ISimulationBehavior"/> decides what it
/// says (a <see cref="Script"/>, or a function of the conversation); <see cref="Faults"/> layers latency,
/// errors and misbehaviour on top; <see cref="Log"/> records every call. Thread-safe.
/// </summary>
/// <remarks>
/// Determinism: fault decisions depend only on <see cref="FaultInjection.Seed"/>, the model id and the call
/// number; the behaviour's random source and generated call ids depend only on
/// <see cref="SimulatedChatClientOptions.Seed"/> and the conversation. So the same seed and the same sequence
/// of calls give the same faults and the same output.
/// </remarks>
public sealed partial class SimulatedChatClient : IChatClient
{
    /// <summary>The model id used when none is given.</summary>
    public const string DefaultModelId = "simulated-standard";

    /// <summary>The provider name reported in <see cref="ChatClientMetadata"/>.</summary>
    public const string ProviderName = "foreman-simulated";

    /// <summary>
    /// The key, in a <see cref="FunctionCallContent"/>'s additional properties, of the argument JSON exactly as
    /// the model produced it (possibly invalid), so validation can judge the raw text.
    /// </summary>
    public const string RawArgumentsKey = "foreman.raw_arguments";

    private readonly CallLog _log;
    private readonly CallSequence _sequence;
    private readonly ulong _modelKey;
    private readonly int _seed;
    private FaultInjection _faults;
    private long _callCount;

    /// <summary>Creates a client driven by <paramref name="behavior"/>.</summary>
    /// <param name="behavior">What the model says.</param>
    /// <param name="options">Model id, faults, clock and seed; <see langword="null"/> for the defaults.</param>
    public SimulatedChatClient(ISimulationBehavior behavior, SimulatedChatClientOptions? options = null)
        : this(behavior, options, new CallSequence())
    {
    }

    /// <summary>Creates a client whose calls are numbered in a sequence shared with other clients of a provider.</summary>
    internal SimulatedChatClient(ISimulationBehavior behavior, SimulatedChatClientOptions? options, CallSequence sequence)
    {
        Behavior = behavior ?? throw new ArgumentNullException(nameof(behavior));
        options ??= new SimulatedChatClientOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LogCapacity, 0, nameof(options));
        ModelId = options.ModelId;
        TimeProvider = options.TimeProvider ?? throw new ArgumentException("The options need a TimeProvider.", nameof(options));
        _faults = options.Faults ?? throw new ArgumentException("The options need a FaultInjection; use FaultInjection.None.", nameof(options));
        _seed = options.Seed;
        _modelKey = StableHash.Of(ModelId);
        _log = new CallLog(options.LogCapacity);
        _sequence = sequence;
        Metadata = new ChatClientMetadata(ProviderName, defaultModelId: ModelId);
    }

    /// <summary>Creates a client whose turns are computed by <paramref name="respond"/>.</summary>
    /// <param name="respond">Computes each turn from the conversation.</param>
    /// <param name="options">Model id, faults, clock and seed; <see langword="null"/> for the defaults.</param>
    public SimulatedChatClient(Func<SimulationTurnContext, SimulatedTurn> respond, SimulatedChatClientOptions? options = null)
        : this(new DelegateBehavior(respond), options)
    {
    }

    /// <summary>Gets the model id reported in responses.</summary>
    public string ModelId { get; }

    /// <summary>Gets what the model says.</summary>
    public ISimulationBehavior Behavior { get; }

    /// <summary>Gets the clock that latency is waited through.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the metadata reported through <see cref="GetService"/>.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <summary>
    /// Gets or sets the faults to inject. Safe to change while calls run (for example an error rate that rises
    /// during a test): each call reads the value once when it starts.
    /// </summary>
    public FaultInjection Faults
    {
        get => Volatile.Read(ref _faults);
        set => Volatile.Write(ref _faults, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Gets the number of calls made so far, including failed ones.</summary>
    public long CallCount => Interlocked.Read(ref _callCount);

    /// <summary>Gets the most recent calls (up to <see cref="SimulatedChatClientOptions.LogCapacity"/>), oldest first.</summary>
    public IReadOnlyList<SimulatedCallRecord> Log => _log.Snapshot();

    /// <summary>Atomically replaces the faults with a function of the current ones.</summary>
    /// <param name="update">Computes the new faults, for example <c>f => f with { ErrorRate = f.ErrorRate + 0.1 }</c>; may run more than once under contention.</param>
    /// <returns>The faults now in force.</returns>
    public FaultInjection UpdateFaults(Func<FaultInjection, FaultInjection> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        while (true)
        {
            var current = Faults;
            var next = update(current) ?? throw new InvalidOperationException("The fault update returned null.");
            if (ReferenceEquals(Interlocked.CompareExchange(ref _faults, next, current), current))
            {
                return next;
            }
        }
    }

    /// <summary>Empties <see cref="Log"/>; the call count keeps running.</summary>
    public void ClearLog() => _log.Clear();

    /// <inheritdoc />
    /// <exception cref="Foreman.Models.ModelCallException">An injected rate limit or server error.</exception>
    /// <exception cref="InvalidOperationException">The behaviour failed, for example a script ran out of turns.</exception>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var outcome = await SimulateAsync(messages, options, streaming: false, cancellationToken);
        return outcome.ToResponse();
    }

    /// <inheritdoc />
    /// <remarks>Yields the text in small chunks, then the tool calls, then a final update with usage and finish reason.</remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var outcome = await SimulateAsync(messages, options, streaming: true, cancellationToken);
        foreach (var update in outcome.ToUpdates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Does nothing: the client holds no resources.</summary>
    public void Dispose()
    {
        // Nothing to release; a disposed simulated client keeps working, which keeps tests forgiving.
    }
}
