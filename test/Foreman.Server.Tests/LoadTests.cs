using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foreman.Server.Auth;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Tests;

/// <summary>
/// Concurrent clients on loopback, bounded in count and time: every submission becomes exactly one run, retries with
/// the same Idempotency-Key create nothing, and every run completes. A correctness test, not a benchmark.
/// </summary>
public sealed class LoadTests : ServerTest
{
    private const int Clients = 8;
    private const int SubmitsPerClient = 25;


    [Fact]
    public async Task ConcurrentClients_EverySubmissionBecomesExactlyOneRun_AndAllComplete()
    {
        var runIds = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Parallel.ForEachAsync(Enumerable.Range(0, Clients), new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = timeout.Token }, async (client, ct) =>
        {
            using var http = Server.Client(Role.Submitter);
            for (var i = 0; i < SubmitsPerClient; i++)
            {
                var key = $"client-{client}-submit-{i}";

                // Every fifth submission is sent twice, as a client retrying after a lost answer would.
                foreach (var attempt in i % 5 == 0 ? [0, 1] : new[] { 0 })
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { workflow = "bench-steps", input = new { steps = 3 } }) };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await http.SendAsync(request, ct);
                    response.StatusCode.ShouldBe(attempt == 0 ? HttpStatusCode.Created : HttpStatusCode.OK);
                    var runId = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["run"]!["run_id"]!.GetValue<string>();
                    runIds.GetOrAdd(key, runId).ShouldBe(runId);
                }
            }
        });

        runIds.Count.ShouldBe(Clients * SubmitsPerClient);
        runIds.Values.Distinct(StringComparer.Ordinal).Count().ShouldBe(Clients * SubmitsPerClient);

        // Wait (bounded) for the in-process worker to finish them all.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(90);
        IReadOnlyDictionary<RunStatus, long> counts;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
            counts = await Server.Store.CountByStatusAsync(CancellationToken.None);
        }
        while (counts.GetValueOrDefault(RunStatus.Completed) < Clients * SubmitsPerClient && TimeProvider.System.GetUtcNow() < deadline);

        counts.GetValueOrDefault(RunStatus.Completed).ShouldBe(Clients * SubmitsPerClient);
        counts.Values.Sum().ShouldBe(Clients * SubmitsPerClient);
        var runs = await Server.Store.ListRunsAsync(new RunQuery { Limit = 1000 }, CancellationToken.None);
        runs.Select(r => r.IdempotencyKey).Distinct(StringComparer.Ordinal).Count().ShouldBe(Clients * SubmitsPerClient);
        runs.ShouldAllBe(r => r.Output == "6");

        // Nothing ran twice: each run journaled exactly its three steps.
        foreach (var run in runs)
        {
            (await Server.Store.GetJournalAsync(run.RunId, CancellationToken.None)).Count.ShouldBe(3);
        }
    }
}
