using Foreman.Server.Runs;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Tests;

/// <summary>The journal's trace view: agents' model and tool calls from their journaled records, sub-agents nested.</summary>
public sealed class TraceBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_NestsSubAgentsUnderTheirSupervisor_AndSumsTheirCost()
    {
        var run = new RunRecord { RunId = "run_1", Workflow = "triage", Input = "{}", Status = RunStatus.Completed, Version = 5, Epoch = 1, CreatedAt = T0, UpdatedAt = T0.AddSeconds(2) };
        JournalEntry[] journal =
        [
            Step(1, "1/agent.supervisor/1", "agent:supervisor:model:1", Model("gpt-4o", 100, 10, 0.002m)),
            Step(2, "1/agent.supervisor/2/agent.extractor/1", "agent:extractor:model:1", Model("gpt-4o-mini", 300, 40, 0.0004m)),
            Step(3, "1/agent.supervisor/2/agent.extractor/2", "agent:extractor:tool:1", """{"toolName":"lookup_vendor","attempts":2,"duration":"00:00:00.0100000","error":{"kind":"invalid_arguments","message":"/name: too short"}}"""),
            Step(4, "1/agent.supervisor/3", "agent:supervisor:model:2", Model("gpt-4o", 120, 30, 0.003m)),
            Step(5, "2", "post-to-ledger", "\"LE-1\""),
        ];

        var view = TraceBuilder.Build(run, journal, []);

        view.Children.Select(c => $"{c.Kind} {c.Name}").ShouldBe(["agent supervisor", "step post-to-ledger"]);
        var supervisor = view.Children[0];
        supervisor.Children.Select(c => $"{c.Kind} {c.Name}").ShouldBe(["model_call gpt-4o", "agent extractor", "model_call gpt-4o"]);
        supervisor.Cost.ShouldBe(0.0054m);
        var extractor = supervisor.Children[1];
        extractor.Cost.ShouldBe(0.0004m);
        extractor.Validation.ShouldBe("1 of 1 tool calls failed a check");
        extractor.Children[1].Validation.ShouldBe("invalid_arguments: /name: too short");
        extractor.Children[1].Attempts.ShouldBe(2);
        view.Cost.ShouldBe(0.0054m);
        TraceBuilder.CostOf(journal).ShouldBe(new RunCost(3, 520, 80, 0.0054m));
    }

    // Agent steps journal their record as JSON text, so the payload is a JSON string holding JSON.
    private static JournalEntry Step(int sequence, string key, string name, string payload) => new()
    {
        RunId = "run_1",
        Sequence = sequence,
        Key = key,
        Kind = JournalEntryKind.Step,
        Name = name,
        State = JournalEntryState.Completed,
        Payload = name.StartsWith("agent:", StringComparison.Ordinal) ? System.Text.Json.JsonSerializer.Serialize(payload) : payload,
        Attempts = 1,
        RecordedAt = T0.AddMilliseconds(sequence * 10),
    };

    private static string Model(string model, long input, long output, decimal cost) =>
        $$"""{"modelId":"{{model}}","calls":[{"model":"{{model}}","promptTokens":{{input}},"completionTokens":{{output}},"timestamp":"2026-11-22T09:00:00+00:00","duration":"00:00:00.0200000","cost":{{cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"isRetry":false}]}""";
}
