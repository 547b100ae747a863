using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foreman.Server.Auth;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Tests;

/// <summary>Dashboard sessions: an HttpOnly, SameSite=Strict cookie; state changes need the anti-forgery token.</summary>
public sealed class SessionTests : ServerTest
{
    [Fact]
    public async Task SignIn_SetsAStrictHttpOnlyCookie_AndReturnsTheCsrfToken()
    {
        using var client = CookieClient(out _);
        using var response = await client.PostAsJsonAsync("/auth/session", new { key = Server.RoleKeys[Role.Operator].Secret });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldStartWith("foreman_session=");
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/", Case.Insensitive);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["role"]!.GetValue<string>().ShouldBe("operator");
        body["csrf_token"]!.GetValue<string>().Length.ShouldBeGreaterThan(30);
        cookie.ShouldNotContain(body["csrf_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_WithABadKey_Is401_AndSetsNoCookie()
    {
        using var client = CookieClient(out _);
        using var response = await client.PostAsJsonAsync("/auth/session", new { key = "fm_000000000000_" + new string('A', 43) });
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task CookieRequest_ThatChangesState_WithoutTheToken_Is403_AndChangesNothing()
    {
        using var client = CookieClient(out _);
        var csrf = await SignInAsync(client, Role.Submitter);
        (await client.GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await client.PostAsJsonAsync("/api/runs", new { workflow = "bench-steps", input = new { steps = 1 } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { workflow = "bench-steps", input = new { steps = 1 } }) })
        {
            wrong.Headers.Add("X-CSRF-Token", csrf[..^2] + "xx");
            await (await client.SendAsync(wrong)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        (await Server.Store.ListRunsAsync(new RunQuery(), CancellationToken.None)).ShouldBeEmpty();

        using var right = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { workflow = "bench-steps", input = new { steps = 1 } }) };
        right.Headers.Add("X-CSRF-Token", csrf);
        (await client.SendAsync(right)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndRevokingTheKey_EndsItToo()
    {
        using var client = CookieClient(out var cookies);
        var csrf = await SignInAsync(client, Role.Reviewer);
        using (var signOut = new HttpRequestMessage(HttpMethod.Delete, "/auth/session"))
        {
            signOut.Headers.Add("X-CSRF-Token", csrf);
            (await client.SendAsync(signOut)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await client.GetAsync("/api/reviews")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var key = await Server.Keys.CreateAsync("dana", Role.Reviewer, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        using var second = CookieClient(out _);
        (await second.PostAsJsonAsync("/auth/session", new { key = key.Secret })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.GetAsync("/api/reviews")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Server.Keys.RevokeAsync(key.Info.KeyId, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        (await second.GetAsync("/api/reviews")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_KeepsTheKeysRole()
    {
        using var client = CookieClient(out _);
        await SignInAsync(client, Role.Submitter);
        (await client.GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/reviews")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dashboard_IsServedFromTheAssembly_WithAStrictContentSecurityPolicy()
    {
        using var client = Server.Client();
        using var page = await client.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("/assets/app.js");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        (await client.GetAsync("/assets/app.js")).Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await client.GetAsync("/assets/app.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/assets/nope.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private HttpClient CookieClient(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = Server.Address };
    }

    private async Task<string> SignInAsync(HttpClient client, Role role)
    {
        using var response = await client.PostAsJsonAsync("/auth/session", new { key = Server.RoleKeys[role].Secret });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrf_token"]!.GetValue<string>();
    }
}
