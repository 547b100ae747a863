using Foreman.Agents;
using Foreman.Models;
using Foreman.Testing;

namespace Foreman.Tests.Agents;

/// <summary>
/// A runtime on a fake clock whose model is a <see cref="SimulatedChatClient"/> behind a <see cref="RecordingChatClient"/>.
/// </summary>
internal sealed class AgentHarness : IDisposable
{
    public AgentHarness(ISimulationBehavior behavior, FaultInjection? faults = null, ModelCatalog? catalog = null, Action<AgentRuntimeOptions>? configure = null, string modelId = TestAgents.ModelId)
    {
        Model = new SimulatedChatClient(behavior, new SimulatedChatClientOptions { TimeProvider = Clock, Faults = faults ?? FaultInjection.None, ModelId = modelId });
        Client = new RecordingChatClient(Model);
        Provider = new FixedChatClientProvider(Client);
        var options = new AgentRuntimeOptions { TimeProvider = Clock };
        configure?.Invoke(options);
        Runtime = new AgentRuntime(new ModelRouter(catalog ?? ModelCatalog.Default, Provider), options);
    }

    public FakeTimeProvider Clock { get; } = new();

    public SimulatedChatClient Model { get; }

    public RecordingChatClient Client { get; }

    public FixedChatClientProvider Provider { get; }

    public AgentRuntime Runtime { get; }

    public IReadOnlyList<RecordedRequest> Requests => Client.Requests;

    /// <summary>Starts a run; the returned task completes when the run ends (for a run that waits on the clock, once the clock is moved).</summary>
    public Task<AgentResult> RunAsync(Agent agent, string input = "Where is order A1?", CancellationToken cancellationToken = default) =>
        RunAsync(agent, new AgentRequest(input), cancellationToken);

    public Task<AgentResult> RunAsync(Agent agent, AgentRequest request, CancellationToken cancellationToken = default) =>
        ClockDriving.StartDetached(() => Runtime.RunAsync(agent, request, cancellationToken));

    /// <summary>Runs and moves the fake clock by <paramref name="step"/> until the run ends (at most <paramref name="maxSteps"/> steps).</summary>
    public Task<AgentResult> RunDrivingClockAsync(Agent agent, TimeSpan step, int maxSteps = 600, string input = "Where is order A1?") =>
        Clock.DriveAsync(RunAsync(agent, input), step, maxSteps);

    public void Dispose() => Runtime.Dispose();
}
