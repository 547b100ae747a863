using System.Net;
using System.Text.Json.Nodes;
using Foreman.Quality;
using Foreman.Server.Auth;
using Foreman.Sqlite;

namespace Foreman.Server.Tests;

/// <summary><c>GET /api/quality</c>: estimates with their confidence intervals and sample counts, and the level judged on them.</summary>
public sealed class QualityApiTests
{
    [Fact]
    public async Task Quality_ShowsIntervalsSampleCountsAndLevel_ToOperators()
    {
        var folder = Directory.CreateTempSubdirectory("foreman-quality-api-");
        var path = Path.Combine(folder.FullName, "quality.db");
        await using var workflows = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = path });
        await workflows.InitializeAsync(CancellationToken.None);
        var store = new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = path });
        await store.InitializeAsync(CancellationToken.None);
        var expected = Enumerable.Range(0, 30).ToDictionary(i => $"doc-{i}", _ => """{"label":"billing"}""", StringComparer.Ordinal);
        var monitor = new QualityMonitor(store, new QualityOptions { SampleRate = 1.0, GroundTruth = new LabelledDataset(expected) });
        for (var i = 0; i < 30; i++)
        {
            var output = i % 10 == 0 ? """{"label":"shipping"}""" : """{"label":"billing"}""";
            await monitor.ObserveAsync(new QualityObservation { RunId = $"run-{i}", Pipeline = "triage", Agent = "triager", TaskType = "ticket-triage", Output = output, InputKey = $"doc-{i}" }, CancellationToken.None);
        }

        await using var server = await ServerHarness.StartAsync(o => o.QualityMonitor = monitor, worker: false);
        using var client = server.Client(Role.Operator);
        var view = JsonNode.Parse(await client.GetStringAsync("/api/quality"))!;

        view["confidence_level"]!.GetValue<double>().ShouldBe(0.95);
        view["minimum_samples"]!.GetValue<int>().ShouldBe(20);
        view["window_hours"]!.GetValue<double>().ShouldBe(24);
        var status = view["statuses"]!.AsArray().ShouldHaveSingleItem()!;
        status["agent"]!.GetValue<string>().ShouldBe("triager");
        status["samples"]!.GetValue<int>().ShouldBe(30);
        status["accuracy"]!.GetValue<double>().ShouldBe(0.9, 1e-9);

        // 27 of 30 at 95% (Wilson, computed with Python's statistics.NormalDist): 74.38–96.54%.
        var interval = status["accuracy_interval"]!;
        interval["trials"]!.GetValue<int>().ShouldBe(30);
        interval["successes"]!.GetValue<int>().ShouldBe(27);
        interval["lower"]!.GetValue<double>().ShouldBe(0.7437891742, 1e-8);
        interval["upper"]!.GetValue<double>().ShouldBe(0.9654001113, 1e-8);
        status["precision_interval"]!["trials"]!.GetValue<int>().ShouldBe(30);
        status["recall_interval"].ShouldNotBeNull();
        status["level"]!.GetValue<string>().ShouldBe("healthy", "90% is not clearly below any threshold");
        status["conclusive"]!.GetValue<bool>().ShouldBeFalse();
        status["reason"]!.GetValue<string>().ShouldContain("not confirmed");

        using var submitter = server.Client(Role.Submitter);
        (await submitter.GetAsync("/api/quality")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
