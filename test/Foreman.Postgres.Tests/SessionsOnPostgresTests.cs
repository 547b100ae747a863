using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Foreman.Cli.Tests;
using Foreman.Server.Auth;
using Npgsql;

namespace Foreman.Postgres.Tests;

/// <summary>
/// Dashboard sessions on PostgreSQL: two <c>foreman serve</c> nodes on one schema accept each other's sessions
/// (no sticky sessions), and signing out or revoking the key ends a session on both. Plus the store's own contract.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionsOnPostgresTests(PostgresCluster cluster)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SessionFromOneNode_IsAcceptedByTheOther_AndSignOutOrRevocationEndsItOnBoth()
    {
        var schema = cluster.NewSchema();
        var environment = new Dictionary<string, string>
        {
            ["FOREMAN_STORE"] = "postgres",
            ["FOREMAN_CONNECTION"] = cluster.ConnectionString,
            ["FOREMAN_SCHEMA"] = schema,
        };
        var admin = await CreateKeyAsync(environment, "admin", "ops");
        var dana = await CreateKeyAsync(environment, "reviewer", "dana");
        var erin = await CreateKeyAsync(environment, "reviewer", "erin");

        using var stop = new CancellationTokenSource();
        var (portA, portB) = (ServeProcess.FreePort(), ServeProcess.FreePort());
        var nodeA = CliRunner.RunAsync(["serve", "--url", $"http://127.0.0.1:{portA}", "--no-seed", "--concurrency", "2"], environment, cancellationToken: stop.Token);
        var nodeB = CliRunner.RunAsync(["serve", "--url", $"http://127.0.0.1:{portB}", "--no-seed", "--concurrency", "2"], environment, cancellationToken: stop.Token);
        // No cookie container: each request carries exactly the session cookie the test gives it, as one browser tab would.
        using var a = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{portA}") };
        using var b = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{portB}") };
        try
        {
            await ServeProcess.WaitUntilListeningAsync(a, nodeA);
            await ServeProcess.WaitUntilListeningAsync(b, nodeB);

            // Signed in on A, used on B; signed out on B, gone on A.
            var (cookie, csrf) = await SignInAsync(a, dana);
            using (var me = await SendAsync(b, HttpMethod.Get, "/auth/session", cookie))
            {
                me.StatusCode.ShouldBe(HttpStatusCode.OK);
                JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString().ShouldBe("dana");
            }

            (await SendAsync(b, HttpMethod.Get, "/api/reviews", cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await SendAsync(b, HttpMethod.Delete, "/auth/session", cookie, csrf)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await SendAsync(a, HttpMethod.Get, "/api/reviews", cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await SendAsync(b, HttpMethod.Get, "/api/reviews", cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            // Signed in on B; the key revoked by an admin on A: the session ends on both and leaves no row.
            var (second, _) = await SignInAsync(b, dana);
            (await SendAsync(a, HttpMethod.Get, "/api/reviews", second)).StatusCode.ShouldBe(HttpStatusCode.OK);
            using (var revoke = new HttpRequestMessage(HttpMethod.Post, $"/api/keys/{KeyId(dana)}/revoke"))
            {
                revoke.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                (await a.SendAsync(revoke)).StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            (await SendAsync(b, HttpMethod.Get, "/api/reviews", second)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await SendAsync(a, HttpMethod.Get, "/api/reviews", second)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await CountSessionsAsync(schema, KeyId(dana))).ShouldBe(0);

            // `foreman keys revoke` on the database ends the key's sessions too.
            var (third, _) = await SignInAsync(a, erin);
            (await CountSessionsAsync(schema, KeyId(erin))).ShouldBe(1);
            var (revoked, revokedOut, revokeError) = await CliRunner.RunAsync(["keys", "revoke", KeyId(erin)], environment);
            revoked.ShouldBe(0, revokeError);
            revokedOut.ShouldContain("ended 1 dashboard session(s)");
            (await SendAsync(b, HttpMethod.Get, "/api/reviews", third)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await stop.CancelAsync();
            var (codeA, _, errorA) = await nodeA;
            var (codeB, _, errorB) = await nodeB;
            codeA.ShouldBe(0, errorA);
            codeB.ShouldBe(0, errorB);
        }
    }

    [Fact]
    public async Task Store_FindsLiveSessions_Slides_Revokes_AndPrunes()
    {
        await using var store = new PostgresSessionStore(cluster.ConnectionString, cluster.NewSchema());
        await Task.WhenAll(store.InitializeAsync(CancellationToken.None), store.InitializeAsync(CancellationToken.None));
        var session = Session("a", "key_000000000001");
        await store.CreateAsync(session, CancellationToken.None);
        await store.CreateAsync(Session("b", "key_000000000001"), CancellationToken.None);
        await store.CreateAsync(Session("c", "key_000000000002"), CancellationToken.None);

        (await store.FindAsync(session.TokenHash, Start.AddHours(7), CancellationToken.None)).ShouldBe(session);
        (await store.FindAsync(session.TokenHash, Start.AddHours(8), CancellationToken.None)).ShouldBeNull();
        (await store.TouchAsync(session.TokenHash, Start.AddHours(6), Start.AddHours(14), CancellationToken.None)).ShouldBeTrue();
        (await store.TouchAsync(session.TokenHash, Start.AddHours(5), Start.AddHours(13), CancellationToken.None)).ShouldBeTrue();
        (await store.FindAsync(session.TokenHash, Start.AddHours(13.5), CancellationToken.None))!.LastSeenAt.ShouldBe(Start.AddHours(6), "a late touch from another node never moves a session backwards");

        (await store.PruneAsync(Start.AddHours(9), CancellationToken.None)).ShouldBe(2);
        (await store.FindAsync(session.TokenHash, Start.AddHours(9), CancellationToken.None)).ShouldNotBeNull();
        (await store.RevokeAllForKeyAsync("key_000000000001", CancellationToken.None)).ShouldBe(1);
        (await store.RevokeAsync(session.TokenHash, CancellationToken.None)).ShouldBeFalse();
    }

    private static StoredSession Session(string token, string keyId) => new()
    {
        TokenHash = SessionTokens.Hash(token),
        KeyId = keyId,
        Role = Role.Reviewer,
        CreatedAt = Start,
        LastSeenAt = Start,
        ExpiresAt = Start.AddHours(8),
        AbsoluteExpiresAt = Start.AddHours(24),
    };

    private async Task<long> CountSessionsAsync(string schema, string keyId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".dashboard_sessions WHERE key_id = @key", connection);
        command.Parameters.AddWithValue("key", keyId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> CreateKeyAsync(Dictionary<string, string> environment, string role, string name)
    {
        var (code, output, error) = await CliRunner.RunAsync(["keys", "create", "--role", role, "--name", name], environment);
        code.ShouldBe(0, error);
        return ServeProcess.KeyText().Match(output).Value;
    }

    private static string KeyId(string key) => "key_" + key[3..15];

    private static async Task<(string Cookie, string Csrf)> SignInAsync(HttpClient node, string key)
    {
        using var body = new StringContent(JsonSerializer.Serialize(new { key }), Encoding.UTF8, "application/json");
        using var response = await node.PostAsync("/auth/session", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var cookie = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var csrf = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("csrf_token").GetString()!;
        return (cookie, csrf);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient node, HttpMethod method, string path, string cookie, string? csrf = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        return await node.SendAsync(request);
    }
}
