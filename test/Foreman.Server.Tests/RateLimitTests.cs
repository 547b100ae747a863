using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foreman.Server.Auth;
using Foreman.Server.RateLimiting;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Tests;

/// <summary>
/// Rate limits on a real server: a key over its budget gets 429 with Retry-After and changes nothing, other keys and
/// the key's other budget are unaffected, the budget refills, sign-in attempts are throttled per address, refusals
/// are counted and alerted, and the metric stream is never cut. The limiter runs on the real clock, so the windows
/// here are small and no test asserts an exact duration.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Burst_OverTheWriteBudget_Gets429WithRetryAfter_ChangesNothing_AndOtherKeysAreUnaffected()
    {
        await using var server = await ServerHarness.StartAsync(o => o.RateLimits.Writes.PermitLimit = 3, worker: false);
        using var client = server.Client(Role.Submitter);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await SubmitAsync(client, $"burst-{i}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
                int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
            }
        }

        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(3);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        var runs = await server.Store.ListRunsAsync(new RunQuery(), CancellationToken.None);
        runs.Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal).ShouldBe(new[] { "burst-0", "burst-1", "burst-2" });

        // Reads are a separate budget, and another key has its own.
        (await client.GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await server.Keys.CreateAsync("other-integration", Role.Submitter, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        using var otherClient = server.Client();
        otherClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.Secret);
        using (var accepted = await SubmitAsync(otherClient, "other-0"))
        {
            accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await server.Store.ListRunsAsync(new RunQuery(), CancellationToken.None)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task RefusedClient_GetsThroughAfterTheWindow()
    {
        await using var server = await ServerHarness.StartAsync(
            o =>
            {
                o.RateLimits.Writes.PermitLimit = 2;
                o.RateLimits.Writes.Window = TimeSpan.FromSeconds(1);
            },
            worker: false);
        using var client = server.Client(Role.Submitter);
        (await SubmitAsync(client, "w-0")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await SubmitAsync(client, "w-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var refused = await SubmitAsync(client, "w-2");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var retryAfter = TimeSpan.FromSeconds(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(1));

        // Honour Retry-After as a client should; the bucket refills within a few of them at most.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(retryAfter, TimeProvider.System);
            using var retried = await SubmitAsync(client, "w-2");
            status = retried.StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests && TimeProvider.System.GetUtcNow() < deadline);

        status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SignInAttempts_WithWrongKeys_AreThrottledPerAddress()
    {
        await using var server = await ServerHarness.StartAsync(o => o.RateLimits.SignIn.PermitLimit = 4, worker: false);
        using var client = server.Client();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/auth/session", new { key = $"fm_00000000000{i}_" + new string('A', 43) });
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var throttled = await client.PostAsJsonAsync("/auth/session", new { key = "fm_000000000009_" + new string('B', 43) });
        await throttled.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        throttled.Headers.Contains("Retry-After").ShouldBeTrue();

        // Even the right key waits: the budget is the address's, whatever key it tries.
        using var right = await client.PostAsJsonAsync("/auth/session", new { key = server.RoleKeys[Role.Submitter].Secret });
        right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        right.Headers.Contains("Set-Cookie").ShouldBeFalse();

        // API requests with a valid key from the same address are counted for the key, not the address.
        using var api = server.Client(Role.Submitter);
        (await api.GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongKeysOnTheApi_CountAgainstTheAddress()
    {
        await using var server = await ServerHarness.StartAsync(o => o.RateLimits.Anonymous.PermitLimit = 5, worker: false);
        using var client = server.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"fm_00000000000{i}_" + new string('C', 43));
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests });
    }

    [Fact]
    public async Task Refusals_AreCounted_InTheMeter_TheHealthFigures_AndAnAlert()
    {
        var measured = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RateLimitLedger.MeterName && instrument.Name == RateLimitLedger.RejectionsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref measured, value));
        listener.Start();

        await using var server = await ServerHarness.StartAsync(o => o.RateLimits.Writes.PermitLimit = 1, worker: false);
        using var client = server.Client(Role.Submitter);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await SubmitAsync(client, $"m-{i}");
        }

        Interlocked.Read(ref measured).ShouldBe(2);
        using var operatorClient = server.Client(Role.Operator);
        var alerts = JsonNode.Parse(await operatorClient.GetStringAsync("/api/alerts"))!.AsArray();
        var alert = alerts.Single(a => a!["id"]!.GetValue<string>() == "rate-limited")!;
        alert["title"]!.GetValue<string>().ShouldStartWith("2 request(s) refused");
        alert["detail"]!.GetValue<string>().ShouldContain(server.RoleKeys[Role.Submitter].Info.KeyId);

        // The sampler takes a snapshot every 250 ms; wait for one that includes the refusals.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        long figure;
        do
        {
            figure = JsonNode.Parse(await operatorClient.GetStringAsync("/api/metrics"))!["rate_limited_requests"]!.GetValue<long>();
            if (figure < 2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }
        }
        while (figure < 2 && TimeProvider.System.GetUtcNow() < deadline);

        figure.ShouldBe(2);
    }

    [Fact]
    public async Task MetricStream_IsNotCutWhenTheReadBudgetRunsOut_AndExtraStreamsAreRefused()
    {
        await using var server = await ServerHarness.StartAsync(
            o =>
            {
                o.RateLimits.Reads.PermitLimit = 3;
                o.RateLimits.StreamsPerKey = 1;
            },
            worker: false);
        using var streamClient = server.Client(Role.Operator);
        using var stream = await streamClient.GetAsync("/api/metrics/stream", HttpCompletionOption.ResponseHeadersRead);
        stream.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        await NextEventAsync(reader);

        using var client = server.Client(Role.Operator);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/api/metrics")).StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        using (var second = await client.GetAsync("/api/metrics/stream", HttpCompletionOption.ResponseHeadersRead))
        {
            second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        }

        // The open stream keeps delivering.
        await NextEventAsync(reader);
        await NextEventAsync(reader);
    }

    [Fact]
    public async Task Disabled_NothingIsRefused()
    {
        await using var server = await ServerHarness.StartAsync(
            o =>
            {
                o.RateLimits.Enabled = false;
                o.RateLimits.Writes.PermitLimit = 1;
            },
            worker: false);
        using var client = server.Client(Role.Submitter);
        for (var i = 0; i < 5; i++)
        {
            (await SubmitAsync(client, $"d-{i}")).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task ForwardedFor_IsBelievedOnlyFromTrustedProxies()
    {
        await using (var trusting = await ServerHarness.StartAsync(
            o =>
            {
                o.RateLimits.SignIn.PermitLimit = 2;
                o.TrustedProxies.Add("127.0.0.1");
            },
            worker: false))
        {
            (await WrongSignInsAsync(trusting, "203.0.113.7", 3)).ShouldBe(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
            (await WrongSignInsAsync(trusting, "203.0.113.8", 1)).Single().ShouldBe(HttpStatusCode.Unauthorized, "another client behind the proxy has its own budget");
        }

        await using var plain = await ServerHarness.StartAsync(o => o.RateLimits.SignIn.PermitLimit = 2, worker: false);
        (await WrongSignInsAsync(plain, "203.0.113.7", 2)).ShouldBe(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized });
        (await WrongSignInsAsync(plain, "203.0.113.8", 1)).Single().ShouldBe(HttpStatusCode.TooManyRequests, "without a trusted proxy the header is the client's own claim and is ignored");
    }

    [Fact]
    public void BudgetShapes_RefillEvenly_NoFasterThanTheLimitersTick()
    {
        BucketShape.From(new RateLimitBudget(600, TimeSpan.FromMinutes(1))).ShouldBe(new BucketShape("600 per minute", 600, 1, TimeSpan.FromMilliseconds(100)));
        BucketShape.From(new RateLimitBudget(20, TimeSpan.FromMinutes(1))).ShouldBe(new BucketShape("20 per minute", 20, 1, TimeSpan.FromSeconds(3)));
        BucketShape.From(new RateLimitBudget(6000, TimeSpan.FromMinutes(1))).ShouldBe(new BucketShape("6000 per minute", 6000, 10, TimeSpan.FromMilliseconds(100)));
        BucketShape.From(new RateLimitBudget(2, TimeSpan.FromSeconds(1))).ShouldBe(new BucketShape("2 per second", 2, 1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task InvalidLimits_AreRefusedAtStart()
    {
        await Should.ThrowAsync<ArgumentException>(() => ServerHarness.StartAsync(o => o.RateLimits.Writes.PermitLimit = 0, worker: false));
        await Should.ThrowAsync<ArgumentException>(() => ServerHarness.StartAsync(o => o.TrustedProxies.Add("proxy.example"), worker: false));
    }

    private static async Task<List<HttpStatusCode>> WrongSignInsAsync(ServerHarness server, string forwardedFor, int count)
    {
        using var client = server.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/session") { Content = JsonContent.Create(new { key = "fm_000000000000_" + new string('D', 43) }) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task NextEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { workflow = "bench-steps", input = new { steps = 1 } }) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }
}
