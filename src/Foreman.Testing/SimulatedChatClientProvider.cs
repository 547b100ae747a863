using System.Collections.Concurrent;
using Foreman.Models;
using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>
/// Hands out one <see cref="SimulatedChatClient"/> per model id, all sharing the same clock, seeds and
/// faults, so a whole agent system (router, fallback models, sub-agents) runs against simulated models.
/// Thread-safe.
/// </summary>
public sealed class SimulatedChatClientProvider : IChatClientProvider
{
    private readonly Func<string, ISimulationBehavior> _behaviorFactory;
    private readonly SimulatedChatClientOptions _options;
    private readonly ConcurrentDictionary<string, SimulatedChatClient> _clients = new(StringComparer.Ordinal);
    private readonly List<SimulatedChatClient> _created = [];
    private readonly Lock _lock = new();
    private readonly CallSequence _sequence = new();

    /// <summary>Creates a provider whose clients all play the same behaviour (a shared script continues across models).</summary>
    /// <param name="behavior">The behaviour every client uses.</param>
    /// <param name="options">Faults, clock, seed and log size for every client; the model id is ignored.</param>
    public SimulatedChatClientProvider(ISimulationBehavior behavior, SimulatedChatClientOptions? options = null)
        : this(CreateSharedFactory(behavior), options)
    {
    }

    /// <summary>Creates a provider that asks <paramref name="behaviorFactory"/> for each model's behaviour.</summary>
    /// <param name="behaviorFactory">Creates the behaviour of a model id; called once per model id.</param>
    /// <param name="options">Faults, clock, seed and log size for every client; the model id is ignored.</param>
    public SimulatedChatClientProvider(Func<string, ISimulationBehavior> behaviorFactory, SimulatedChatClientOptions? options = null)
    {
        _behaviorFactory = behaviorFactory ?? throw new ArgumentNullException(nameof(behaviorFactory));
        options ??= new SimulatedChatClientOptions();

        // A private copy: changing the caller's options later must not reach clients created later.
        _options = new SimulatedChatClientOptions
        {
            Faults = options.Faults ?? throw new ArgumentException("The options need a FaultInjection; use FaultInjection.None.", nameof(options)),
            TimeProvider = options.TimeProvider ?? throw new ArgumentException("The options need a TimeProvider.", nameof(options)),
            Seed = options.Seed,
            LogCapacity = options.LogCapacity,
        };
    }

    /// <summary>
    /// Gets or sets the faults of every client, those created already and those created later. Safe to change
    /// while calls run. Setting a single client's <see cref="SimulatedChatClient.Faults"/> affects only that client.
    /// </summary>
    public FaultInjection Faults
    {
        get
        {
            lock (_lock)
            {
                return _options.Faults;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                _options.Faults = value;
                foreach (var client in _created)
                {
                    client.Faults = value;
                }
            }
        }
    }

    /// <summary>Gets the clients created so far, in creation order.</summary>
    public IReadOnlyList<SimulatedChatClient> Clients
    {
        get
        {
            lock (_lock)
            {
                return [.. _created];
            }
        }
    }

    /// <summary>Gets the log entries of every client, in the order the calls started (<see cref="SimulatedCallRecord.Sequence"/>).</summary>
    public IReadOnlyList<SimulatedCallRecord> Log => [.. Clients.SelectMany(c => c.Log).OrderBy(r => r.Sequence)];

    /// <inheritdoc />
    public IChatClient GetChatClient(string modelId) => GetSimulatedClient(modelId);

    /// <summary>Gets the simulated client of a model id, creating it on first use.</summary>
    /// <param name="modelId">The model id; any id works, listed in a catalog or not.</param>
    /// <returns>The client.</returns>
    public SimulatedChatClient GetSimulatedClient(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (_clients.TryGetValue(modelId, out var existing))
        {
            return existing;
        }

        lock (_lock)
        {
            if (_clients.TryGetValue(modelId, out existing))
            {
                return existing;
            }

            // Created under the lock so a concurrent change of Faults cannot miss the new client.
            var client = new SimulatedChatClient(
                _behaviorFactory(modelId) ?? throw new InvalidOperationException($"The behaviour factory returned null for model '{modelId}'."),
                new SimulatedChatClientOptions
                {
                    ModelId = modelId,
                    Faults = _options.Faults,
                    TimeProvider = _options.TimeProvider,
                    Seed = _options.Seed,
                    LogCapacity = _options.LogCapacity,
                },
                _sequence);
            _created.Add(client);
            _clients[modelId] = client;
            return client;
        }
    }

    private static Func<string, ISimulationBehavior> CreateSharedFactory(ISimulationBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        return _ => behavior;
    }
}
