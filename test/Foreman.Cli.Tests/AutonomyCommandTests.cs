using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Sqlite;

namespace Foreman.Cli.Tests;

public sealed class AutonomyCommandTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PinShowUnpin_RecordsTheAuditTrailAndTheStanding()
    {
        using var db = new WorkflowDatabase();
        await OpenReviewStoreAsync(db);

        var (pinCode, pinned, pinError) = await db.RunAsync("autonomy", "pin", "refund", "3", "--reason", "incident 42", "--by", "alice");
        pinCode.ShouldBe(0, pinError);
        pinned.ShouldContain("refund is pinned at 3 (assistance-only) (was 2 (proposal-with-approval)) by alice.");

        var shown = (await db.RunJsonAsync("autonomy", "show", "refund", "--json")).EnumerateArray().ShouldHaveSingleItem();
        shown.GetProperty("decisionType").GetString().ShouldBe("refund");
        shown.GetProperty("level").GetInt32().ShouldBe(3);
        shown.GetProperty("levelName").GetString().ShouldBe("assistance-only");
        shown.GetProperty("pinned").GetBoolean().ShouldBeTrue();
        var pin = shown.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
        pin.GetProperty("kind").GetString().ShouldBe("pin");
        pin.GetProperty("from").GetInt32().ShouldBe(2);
        pin.GetProperty("to").GetInt32().ShouldBe(3);
        pin.GetProperty("reason").GetString().ShouldBe("incident 42");
        pin.GetProperty("by").GetString().ShouldBe("alice");

        var (unpinCode, unpinned, unpinError) = await CliRunner.RunAsync(["autonomy", "unpin", "refund", "--reason", "incident closed", "--db", db.Path], new Dictionary<string, string> { ["USER"] = "bob" });
        unpinCode.ShouldBe(0, unpinError);
        unpinned.ShouldContain("refund is unpinned by bob; it stays at 3 (assistance-only)");

        var (showCode, text, _) = await db.RunAsync("autonomy", "show", "refund");
        showCode.ShouldBe(0);
        text.ShouldContain("refund: level 3 (assistance-only)" + Environment.NewLine);
        text.ShouldContain("pin       2 -> 3  by alice: incident 42");
        text.ShouldContain("unpin     3 -> 3  by bob: incident closed");

        // What the engine's tracker reads from the same file.
        var tracker = new AutonomyTracker(await OpenReviewStoreAsync(db), new AutonomyPolicy([]));
        (await tracker.GetStandingAsync("refund", default)).ShouldBe(new AutonomyStanding("refund", AutonomyLevel.AssistanceOnly, Pinned: false));
    }

    [Theory]
    [InlineData("0", AutonomyLevel.Autonomous)]
    [InlineData("autonomous-with-audit", AutonomyLevel.AutonomousWithAudit)]
    [InlineData("ProposalWithApproval", AutonomyLevel.ProposalWithApproval)]
    [InlineData("ASSISTANCE_ONLY", AutonomyLevel.AssistanceOnly)]
    public async Task Pin_LevelByNumberOrName_PinsThatLevel(string text, AutonomyLevel expected)
    {
        using var db = new WorkflowDatabase();
        var reviews = await OpenReviewStoreAsync(db);

        var (code, _, error) = await db.RunAsync("autonomy", "pin", "refund", text, "--reason", "policy");

        code.ShouldBe(0, error);
        var change = (await reviews.ListLevelChangesAsync("refund", default)).ShouldHaveSingleItem();
        change.To.ShouldBe(expected);
        change.Kind.ShouldBe(LevelChangeKind.Pin);
        change.ChangedBy.ShouldBe("cli");
    }

    [Theory]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("1,2")]
    [InlineData("banana")]
    public async Task Pin_NotALevel_IsAUsageErrorAndRecordsNothing(string text)
    {
        using var db = new WorkflowDatabase();
        var reviews = await OpenReviewStoreAsync(db);

        // "--" ends the options so that "-1" is read as the level; --db must come before it.
        var (code, _, error) = await CliRunner.RunAsync(["autonomy", "pin", "--db", db.Path, "refund", "--reason", "policy", "--", text]);

        code.ShouldBe(ExitCodes.UsageError);
        error.ShouldContain("is not a level");
        (await reviews.ListLevelChangesAsync(null, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PinAndUnpin_WithoutReason_AreUsageErrorsAndRecordNothing()
    {
        using var db = new WorkflowDatabase();
        var reviews = await OpenReviewStoreAsync(db);

        var (pinCode, _, pinError) = await db.RunAsync("autonomy", "pin", "refund", "3");
        var (blankCode, _, _) = await db.RunAsync("autonomy", "pin", "refund", "3", "--reason", " ");
        var (unpinCode, _, unpinError) = await db.RunAsync("autonomy", "unpin", "refund");

        pinCode.ShouldBe(ExitCodes.UsageError);
        pinError.ShouldContain("--reason");
        blankCode.ShouldBe(ExitCodes.UsageError);
        unpinCode.ShouldBe(ExitCodes.UsageError);
        unpinError.ShouldContain("--reason");
        (await reviews.ListLevelChangesAsync(null, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Unpin_NotPinned_FailsAndKeepsTheTrackRecordWindow()
    {
        using var db = new WorkflowDatabase();
        var reviews = await OpenReviewStoreAsync(db);
        await reviews.AppendLevelChangeAsync(new LevelChange("refund", AutonomyLevel.ProposalWithApproval, AutonomyLevel.AutonomousWithAudit, LevelChangeKind.Promotion, "50 of 50 clean", 50, 50, T0, "tracker"), default);

        var (code, _, error) = await db.RunAsync("autonomy", "unpin", "refund", "--reason", "just in case");
        var (neverCode, _, _) = await db.RunAsync("autonomy", "unpin", "discount", "--reason", "just in case");

        code.ShouldBe(ExitCodes.Failed);
        error.ShouldContain("refund is not pinned");
        neverCode.ShouldBe(ExitCodes.Failed);
        (await reviews.ListLevelChangesAsync(null, default)).ShouldHaveSingleItem().Kind.ShouldBe(LevelChangeKind.Promotion);
    }

    [Fact]
    public async Task Show_WithoutType_ListsEveryTypeWithChangesAndTheEvidence()
    {
        using var db = new WorkflowDatabase();
        var reviews = await OpenReviewStoreAsync(db);
        await reviews.AppendLevelChangeAsync(new LevelChange("refund", AutonomyLevel.ProposalWithApproval, AutonomyLevel.AutonomousWithAudit, LevelChangeKind.Promotion, "clean-approval rate 98% over 50", 50, 49, T0, "tracker"), default);
        await reviews.AppendLevelChangeAsync(new LevelChange("discount", AutonomyLevel.ProposalWithApproval, AutonomyLevel.Autonomous, LevelChangeKind.Pin, "trusted", 0, 0, T0.AddHours(1), "alice"), default);

        var (code, text, error) = await db.RunAsync("autonomy", "show");

        code.ShouldBe(0, error);
        text.ShouldBe(string.Join(Environment.NewLine,
        [
            "discount: level 0 (autonomous), pinned",
            "  2026-11-01 10:00:00Z  pin       2 -> 0  by alice: trusted",
            "refund: level 1 (autonomous-with-audit)",
            "  2026-11-01 09:00:00Z  promotion 2 -> 1  by tracker: clean-approval rate 98% over 50 [49/50 clean]",
            string.Empty,
        ]));
    }

    [Fact]
    public async Task Show_NothingRecorded_SaysTheInitialLevelApplies()
    {
        using var db = new WorkflowDatabase();
        await OpenReviewStoreAsync(db);

        var (allCode, all, _) = await db.RunAsync("autonomy", "show");
        var (oneCode, one, _) = await db.RunAsync("autonomy", "show", "refund");

        allCode.ShouldBe(0);
        all.ShouldContain("No level changes recorded");
        oneCode.ShouldBe(0);
        one.ShouldContain("refund: level 2 (proposal-with-approval)" + Environment.NewLine);
        one.ShouldContain("no level changes recorded");
    }

    [Fact]
    public async Task Show_NoDatabase_IsAUsageError()
    {
        using var db = new WorkflowDatabase();

        var (code, _, error) = await db.RunAsync("autonomy", "show");

        code.ShouldBe(ExitCodes.UsageError);
        error.ShouldContain("there is no workflow database");
    }

    /// <summary>Creates the workflow database with its review tables, as a worker would, and opens the review store.</summary>
    private static async Task<SqliteReviewStore> OpenReviewStoreAsync(WorkflowDatabase db)
    {
        await using (var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = db.Path }))
        {
            await store.InitializeAsync(default);
        }

        var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = db.Path });
        await reviews.InitializeAsync(default);
        return reviews;
    }
}
