using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// Submits bench-steps runs to a running Foreman server from concurrent clients, each with its own Idempotency-Key,
// and prints throughput and latency percentiles of the submissions.
// Usage: dotnet run -c Release --project bench/Foreman.Server.Load -- <url> <submitter key> <clients> <submits per client>
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: <url> <key> <clients> <submits per client>");
    return 64;
}

var url = new Uri(args[0]);
var key = args[1];
var clients = int.Parse(args[2], CultureInfo.InvariantCulture);
var perClient = int.Parse(args[3], CultureInfo.InvariantCulture);
var latencies = new List<double>(clients * perClient);
var gate = new Lock();
var failures = 0;
var total = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (_, ct) =>
{
    using var http = new HttpClient { BaseAddress = url };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    for (var i = 0; i < perClient; i++)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs")
        {
            Content = new StringContent("""{"workflow":"bench-steps","input":{"steps":3}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", $"load-{Guid.NewGuid():N}");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (gate)
        {
            latencies.Add(elapsed);
            failures += (int)response.StatusCode == 201 ? 0 : 1;
        }
    }
});
total.Stop();
latencies.Sort();
double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Count) - 1, 0, latencies.Count - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{latencies.Count} submissions from {clients} clients in {total.Elapsed.TotalSeconds:0.00} s: {latencies.Count / total.Elapsed.TotalSeconds:0} submissions/s; latency p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms; not 201: {failures}"));
return failures == 0 ? 0 : 1;
