using Foreman.Server.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Foreman.Server.Tests;

/// <summary>
/// The dashboard in a real browser: sign in with a key, find the pending review, approve it, watch the run complete;
/// the health page draws live charts; the page never logs a script error or a Content-Security-Policy violation.
/// </summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private ServerHarness _server = null!;

    private static readonly Foreman.Workflows.IWorkflow AlwaysFails = new Foreman.Workflows.DelegateWorkflow<string, string>("always-fails", async (context, input) =>
        await context.StepAsync<string>("charge-card", (_, _) => throw new Foreman.Workflows.NonRetryableStepException("card declined")));

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync(extraWorkflows: [AlwaysFails]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reviewer_SignsIn_ApprovesThePendingRefund_AndSeesTheRunComplete()
    {
        var runId = await _server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        var itemId = await _server.WaitForReviewAsync(runId);
        var (page, errors) = await OpenAsync();

        await page.FillAsync("#key", _server.RoleKeys[Role.Reviewer].Secret);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#who")).ToContainTextAsync("reviewer");

        // A reviewer lands on the queue; the refund is there with its packet.
        await page.ClickAsync("nav a[data-page=reviews]");
        var row = page.Locator($"tr[data-review='{itemId}']");
        await Expect(row).ToContainTextAsync("Refund EUR 649.00");
        await row.ClickAsync();
        await Expect(page.Locator("#view h1")).ToContainTextAsync("Refund EUR 649.00 to the original payment method?");
        await Expect(page.Locator(".packet")).ToContainTextAsync("Delivered within 30 days");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-review.png"), FullPage = true });

        await page.ClickAsync("#approve");
        await Expect(page.Locator("#decision-result")).ToContainTextAsync("approved by test-reviewer");
        await page.ClickAsync("#open-run");
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(page.Locator("#trace")).ToContainTextAsync("issue-refund");
        await Expect(page.Locator("#trace [data-kind=review]")).ToContainTextAsync("approved");

        // The queue is empty now.
        await page.ClickAsync("nav a[data-page=reviews]");
        await Expect(page.Locator("#view")).ToContainTextAsync("Nothing to review.");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Operator_SeesLiveHealthCharts_RunsWithCost_AndATrace()
    {
        var invoice = await _server.SubmitAsync("invoice-approval", new { invoice = Foreman.Samples.Workflows.InvoiceApprovalWorkflow.LargeInvoiceExample });
        await _server.WaitForStatusAsync(invoice, "waiting");
        var (page, errors) = await OpenAsync();
        await page.FillAsync("#key", _server.RoleKeys[Role.Operator].Secret);
        await page.ClickAsync("#sign-in");

        // Operators land on Health: figures, six charts, and the live line moves with the server-sent events.
        await Expect(page.Locator("[data-stat='Latency p95']")).ToBeVisibleAsync();
        await Expect(page.Locator(".chart svg")).ToHaveCountAsync(6);
        await Expect(page.Locator("#live")).ToContainTextAsync("updated");
        var first = await page.Locator("#live").TextContentAsync();
        await Expect(page.Locator("#live")).Not.ToHaveTextAsync(first!, new() { Timeout = 10_000 });
        (await page.Locator(".chart svg polyline").CountAsync()).ShouldBeGreaterThan(0);
        await Expect(page.Locator("[data-stat='Cumulative cost'] .value")).Not.ToHaveTextAsync("0.000000");
        await Expect(page.Locator("#cost-report")).ToContainTextAsync("invoice-approval");
        await Expect(page.Locator("#cost-report")).ToContainTextAsync("Sampled error rate");
        await Expect(page.Locator("#quality")).ToContainTextAsync("No verified samples in the window.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-health.png"), FullPage = true });

        // Runs: filter to waiting invoice runs; the trace shows the agent's model and tool calls with tokens and cost.
        await page.ClickAsync("nav a[data-page=runs]");
        await page.ClickAsync("text=Find runs by their traces");
        await page.FillAsync("#trace-query", "agent = invoice-extractor and model_calls >= 3");
        await page.ClickAsync("#run-trace-query");
        await Expect(page.Locator("#trace-query-result")).ToContainTextAsync(invoice);
        await page.SelectOptionAsync("#filter-status", "waiting");
        var row = page.Locator($"tr[data-run='{invoice}']");
        await Expect(row).ToContainTextAsync("invoice-approval");
        await row.ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("waiting");
        await Expect(page.Locator("#trace [data-kind=execution]").First).ToBeVisibleAsync();
        await Expect(page.Locator("#trace [data-kind=agent]").First).ToContainTextAsync("invoice-extractor");
        await Expect(page.Locator("#trace [data-kind=agent]").First).ToContainTextAsync("confidence 93.0 %");
        await Expect(page.Locator("#trace [data-kind=model_call]").First).ToContainTextAsync("tokens");
        await Expect(page.Locator("#trace [data-kind=tool_call]").First).ToContainTextAsync("validation: valid");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-trace.png"), FullPage = true });

        await page.ClickAsync("nav a[data-page=alerts]");
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Alerts");
        await page.ClickAsync("nav a[data-page=dead-letters]");
        await Expect(page.Locator("#view")).ToContainTextAsync("No dead-lettered or suspended runs.");
        (await page.Locator("nav a[data-page=keys]").IsVisibleAsync()).ShouldBeFalse();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reviewer_ModifiesTheAmount_InvalidEditsAreRefused_AndTheRunRefundsTheEditedAmount()
    {
        var runId = await _server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        var itemId = await _server.WaitForReviewAsync(runId);
        var (page, errors) = await OpenAsync();
        await page.FillAsync("#key", _server.RoleKeys[Role.Admin].Secret);
        await page.ClickAsync("#sign-in");
        await page.GotoAsync($"{_server.Address}#/reviews/{itemId}");
        await page.ClickAsync("details summary");

        // Over the schema's maximum: refused with the schema's reason, nothing decided.
        await page.FillAsync("#modified-action", """{"order_id":"B-3107","amount":9000,"reason":"Too much"}""");
        await page.ClickAsync("#modify");
        await Expect(page.Locator("#decision-result")).ToContainTextAsync("invalid");
        (await _server.Reviews.GetAsync(itemId, CancellationToken.None))!.Status.ShouldBe(Foreman.Reviews.ReviewStatus.Pending);

        await page.FillAsync("#modified-action", """{"order_id":"B-3107","amount":120.5,"reason":"Partial refund"}""");
        await page.FillAsync("#reason", "Only the lid is cracked");
        await page.ClickAsync("#modify");
        await Expect(page.Locator("#decision-result")).ToContainTextAsync("modified by test-admin");
        var done = await _server.WaitForStatusAsync(runId, "completed");
        done["output"]!["amount"]!.GetValue<decimal>().ShouldBe(120.5m);
        errors.Where(e => !e.Contains("422", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Admin_CreatesAKeyShownOnce_RevokesIt_AndSignsOut()
    {
        var (page, errors) = await OpenAsync();
        await page.FillAsync("#key", _server.RoleKeys[Role.Admin].Secret);
        await page.ClickAsync("#sign-in");
        await page.ClickAsync("nav a[data-page=keys]");
        await page.FillAsync("#key-name", "ci-pipeline");
        await page.SelectOptionAsync("#key-role", "submitter");
        await page.ClickAsync("text=Create key");
        var secret = await page.Locator(".secret").TextContentAsync();
        secret!.ShouldStartWith("fm_");
        var created = (await _server.Keys.AuthenticateAsync(secret, CancellationToken.None))!;
        created.Name.ShouldBe("ci-pipeline");
        created.Role.ShouldBe(Role.Submitter);

        // The list never shows a secret; revoking from the page makes the key useless at once.
        await page.ClickAsync("nav a[data-page=health]");
        await page.ClickAsync("nav a[data-page=keys]");
        (await page.Locator("#view").TextContentAsync())!.ShouldNotContain("fm_");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("tr", new() { HasText = created.KeyId }).Locator("button").ClickAsync();
        await Expect(page.Locator("tr", new() { HasText = created.KeyId })).ToContainTextAsync("revoked");
        (await _server.Keys.AuthenticateAsync(secret, CancellationToken.None)).ShouldBeNull();

        await page.ClickAsync("#sign-out");
        await Expect(page.Locator("#sign-in-view")).ToBeVisibleAsync();
        var status = await page.EvaluateAsync<int>("fetch('/api/runs').then(r => r.status)");
        status.ShouldBe(401);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Operator_RequeuesADeadLetter_AndSeesTheAlert()
    {
        var runId = await _server.SubmitAsync("always-fails", "order-1");
        var dead = await _server.WaitForStatusAsync(runId, "dead_lettered");
        var (page, errors) = await OpenAsync();
        await page.FillAsync("#key", _server.RoleKeys[Role.Operator].Secret);
        await page.ClickAsync("#sign-in");

        await page.ClickAsync("nav a[data-page=alerts]");
        await Expect(page.Locator("#alerts")).ToContainTextAsync("dead-lettered run");
        await page.ClickAsync("nav a[data-page=dead-letters]");
        var row = page.Locator("tr", new() { HasText = runId });
        await Expect(row).ToContainTextAsync("card declined");
        await row.Locator("button").ClickAsync();

        // Re-queued, it runs again (one more claim) and, the card still declined, dead-letters again.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while ((await _server.Store.GetRunAsync(runId, CancellationToken.None))!.Claims <= dead["claims"]!.GetValue<int>() && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        (await _server.Store.GetRunAsync(runId, CancellationToken.None))!.Claims.ShouldBeGreaterThan(dead["claims"]!.GetValue<int>());
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task SignedIn_StaysSignedInAcrossAServerRestart_AndSignOutStillWorks()
    {
        var (page, errors) = await OpenAsync();
        await page.FillAsync("#key", _server.RoleKeys[Role.Operator].Secret);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#who")).ToContainTextAsync("operator");

        // Leave the page (its live charts would reach for the stopped server), then a new server process on the same
        // database (on a new port; cookies do not depend on the port) and back.
        await page.GotoAsync("about:blank");
        await _server.RestartAsync();
        await page.GotoAsync(_server.Address.ToString());
        await Expect(page.Locator("#who")).ToContainTextAsync("operator");
        await Expect(page.Locator("#sign-in-view")).ToBeHiddenAsync();

        // Signing out changes state, so it needs the anti-forgery token, which the new process derives from the cookie.
        await page.ClickAsync("#sign-out");
        await Expect(page.Locator("#sign-in-view")).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("fetch('/auth/session').then(r => r.status)")).ShouldBe(401);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task WrongKey_ShowsAnError_AndStaysSignedOut()
    {
        var (page, _) = await OpenAsync();
        await page.FillAsync("#key", "fm_000000000000_" + new string('A', 43));
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("unknown, malformed or revoked");
        (await page.Locator("#nav").IsVisibleAsync()).ShouldBeFalse();
    }

    private async Task<(IPage Page, List<string> Errors)> OpenAsync()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // 401 answers while signed out are expected; script errors and CSP violations are not.
            if (message.Type == "error" && !message.Text.Contains("401", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(_server.Address.ToString());
        await Expect(page.Locator("#sign-in-view")).ToBeVisibleAsync();
        return (page, errors);
    }
}
