using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Foreman.Server.Auth;

namespace Foreman.Server.Tests;

/// <summary>Dashboard sessions in the server's SQLite file: they survive a restart, and ending one deletes it there.</summary>
public sealed class DurableSessionTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync(worker: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Session_SurvivesARestart_OnTheSameDatabase_WithItsAntiForgeryToken()
    {
        var (cookie, csrf) = await SignInAsync(Role.Submitter);
        (await SendAsync(HttpMethod.Get, "/api/runs", cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await _server.RestartAsync();

        using (var me = await SendAsync(HttpMethod.Get, "/auth/session", cookie))
        {
            me.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = JsonNode.Parse(await me.Content.ReadAsStringAsync())!;
            body["via"]!.GetValue<string>().ShouldBe("session");
            body["csrf_token"]!.GetValue<string>().ShouldBe(csrf);
        }

        using var submit = await SendAsync(HttpMethod.Post, "/api/runs", cookie, csrf, new { workflow = "bench-steps", input = new { steps = 1 } });
        submit.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SignOut_DeletesTheStoredSession()
    {
        var (cookie, csrf) = await SignInAsync(Role.Reviewer);
        var hash = SessionTokens.Hash(cookie["foreman_session=".Length..]);
        (await _server.Sessions.FindAsync(hash, TimeProvider.System.GetUtcNow(), CancellationToken.None)).ShouldNotBeNull();

        (await SendAsync(HttpMethod.Delete, "/auth/session", cookie, csrf)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await _server.Sessions.FindAsync(hash, TimeProvider.System.GetUtcNow(), CancellationToken.None)).ShouldBeNull();
        await _server.RestartAsync();
        (await SendAsync(HttpMethod.Get, "/auth/session", cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningInAgain_ReplacesTheBrowsersSession()
    {
        var (first, csrf) = await SignInAsync(Role.Submitter);
        using var client = new HttpClient { BaseAddress = _server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/session") { Content = JsonContent.Create(new { key = _server.RoleKeys[Role.Operator].Secret }) };
        request.Headers.Add("Cookie", first);
        request.Headers.Add("X-CSRF-Token", csrf); // the request carries a live session cookie, so it is a state change of that session
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        second.ShouldNotBe(first);
        (await SendAsync(HttpMethod.Get, "/auth/session", first)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(HttpMethod.Get, "/api/metrics", second)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RevokingTheKey_OnTheKeysPage_DeletesEverySessionOfThatKey()
    {
        var key = await _server.Keys.CreateAsync("dana", Role.Reviewer, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        var (first, _) = await SignInAsync(key.Secret);
        var (second, _) = await SignInAsync(key.Secret);
        var (others, _) = await SignInAsync(Role.Reviewer);

        using var admin = _server.Client(Role.Admin);
        (await admin.PostAsync($"/api/keys/{key.Info.KeyId}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var now = TimeProvider.System.GetUtcNow();
        foreach (var cookie in new[] { first, second })
        {
            (await _server.Sessions.FindAsync(SessionTokens.Hash(cookie["foreman_session=".Length..]), now, CancellationToken.None)).ShouldBeNull();
            (await SendAsync(HttpMethod.Get, "/api/reviews", cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await SendAsync(HttpMethod.Get, "/api/reviews", others)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheDatabase_HoldsNeitherTheSessionToken_NorTheAntiForgeryToken()
    {
        var (cookie, csrf) = await SignInAsync(Role.Operator);
        var token = cookie["foreman_session=".Length..];
        await _server.RestartAsync(); // closes the pooled connections' view; the WAL is checkpointed or still beside the file
        var bytes = new List<byte>();
        foreach (var file in Directory.GetFiles(_server.Folder, "foreman.db*"))
        {
            bytes.AddRange(await ReadSharedAsync(file));
        }

        var text = Encoding.ASCII.GetString([.. bytes]);
        text.ShouldContain(SessionTokens.Hash(token), customMessage: "the session is stored by its hash");
        text.ShouldNotContain(token);
        text.ShouldNotContain(csrf);
    }

    [Fact]
    public async Task ExpiredSessions_ArePrunedWhenTheServerStarts()
    {
        var longAgo = TimeProvider.System.GetUtcNow().AddDays(-3);
        var expired = new StoredSession
        {
            TokenHash = SessionTokens.Hash(SessionTokens.NewToken()),
            KeyId = _server.RoleKeys[Role.Submitter].Info.KeyId,
            Role = Role.Submitter,
            CreatedAt = longAgo,
            LastSeenAt = longAgo,
            ExpiresAt = longAgo.AddHours(8),
            AbsoluteExpiresAt = longAgo.AddHours(24),
        };
        await _server.Sessions.CreateAsync(expired, CancellationToken.None);
        (await CountRowsAsync(expired.TokenHash)).ShouldBe(1);

        await _server.RestartAsync();

        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (await CountRowsAsync(expired.TokenHash) > 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        (await CountRowsAsync(expired.TokenHash)).ShouldBe(0);
    }

    private async Task<long> CountRowsAsync(string tokenHash)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM foreman_dashboard_sessions WHERE token_hash = $hash";
        command.Parameters.AddWithValue("$hash", tokenHash);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    private Task<(string Cookie, string Csrf)> SignInAsync(Role role) => SignInAsync(_server.RoleKeys[role].Secret);

    private async Task<(string Cookie, string Csrf)> SignInAsync(string key)
    {
        using var client = new HttpClient { BaseAddress = _server.Address };
        using var response = await client.PostAsJsonAsync("/auth/session", new { key });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var csrf = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrf_token"]!.GetValue<string>();
        return (cookie, csrf);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string cookie, string? csrf = null, object? body = null)
    {
        // Not disposed here: the response (read by the caller) outlives this method; the address changes on restart.
        var client = new HttpClient { BaseAddress = _server.Address };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        return await client.SendAsync(request);
    }
}
