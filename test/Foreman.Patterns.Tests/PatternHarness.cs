using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Testing;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Foreman.Workflows.Tests;

namespace Foreman.Patterns.Tests;

/// <summary>Runs a pattern inside a real durable workflow on SQLite and returns its output.</summary>
internal static class PatternHarness
{
    public static async Task<(T Output, RunRecord Run, EngineHarness Engine)> RunAsync<T>(Func<WorkflowContext, Task<T>> body, TimeSpan? tick = null)
    {
        var name = "pattern-" + Guid.NewGuid().ToString("N")[..8];
        var workflow = new DelegateWorkflow<string, T>(name, (context, _) => body(context));
        var engine = await EngineHarness.StartAsync(workflow);
        var (run, _) = await engine.Engine.SubmitAsync(name, "go");
        var done = await engine.WaitForAsync(run.RunId, tick ?? TimeSpan.FromSeconds(5));
        done.Status.ShouldBe(RunStatus.Completed, done.Error);
        return (engine.Engine.ReadOutput<T>(done)!, done, engine);
    }

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    /// <summary>A simulated model per model id, answering with what <paramref name="answer"/> computes from the request.</summary>
    public static (AgentRuntime Runtime, SimulatedChatClientProvider Provider) Runtime(Func<string, string, string> answer)
    {
        var provider = new SimulatedChatClientProvider(model => new DelegateBehavior(context =>
            SimulatedTurn.Final(answer(model, context.Messages.First(m => m.Role == Microsoft.Extensions.AI.ChatRole.User).Text))));
        return (new AgentRuntime(new ModelRouter(ModelCatalog.Default, provider)), provider);
    }

    public static Agent Agent(string name, string schema, string? model = null) => Foreman.Agents.Agent.Create(new AgentOptions
    {
        Name = name,
        Instructions = $"You are {name}.",
        Model = model,
        Tier = ModelTier.Fast,
        OutputSchema = Foreman.Schema.JsonSchema.Parse(schema),
        MaxOutputCorrections = 0,
    });

    /// <summary>A worker that counts its calls and fails the first <paramref name="failures"/> of them.</summary>
    public static FunctionWorker Flaky(string name, int failures, object output, ConcurrentDictionary<string, int> calls) =>
        new(name, (task, _) =>
        {
            var n = calls.AddOrUpdate(name, 1, (_, c) => c + 1);
            return n <= failures ? throw new InvalidOperationException($"{name} is down (call {n})") : Task.FromResult(Json(output));
        });
}

/// <summary>Collects the pattern spans Foreman emits while it is alive.</summary>
internal sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ForemanTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Spans.Add(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentBag<Activity> Spans { get; } = [];

    public IEnumerable<Activity> Pattern(string pattern) => Spans.Where(s => (s.GetTagItem(PatternAttributes.Pattern) as string) == pattern);

    public void Dispose() => _listener.Dispose();
}
