using Foreman.Sqlite;

namespace Foreman.Reviews.Tests;

public sealed class SqliteReviewStoreTests
{
    [Fact]
    public async Task ListPending_OrdersByUrgencyThenAmountThenAge()
    {
        await using var h = await ReviewHarness.OpenAsync();
        var t0 = h.Clock.GetUtcNow();
        await h.Reviews.CreateAsync(Items.New("rev_small_old", t0, amount: 10m), default);
        await h.Reviews.CreateAsync(Items.New("rev_big", t0.AddHours(5), amount: 10_000m), default);
        await h.Reviews.CreateAsync(Items.New("rev_urgent", t0.AddHours(6), amount: 1m, urgency: ReviewUrgency.Critical), default);
        await h.Reviews.CreateAsync(Items.New("rev_small_new", t0.AddHours(5), amount: 10m), default);
        h.Clock.Advance(TimeSpan.FromHours(6));

        var listed = await h.Service.ListPendingAsync(null, default);

        // Critical first; then EUR 10,000 (≈ +30) beats EUR 10 (≈ +10) even 5 h younger; then the older of equals.
        listed.Select(p => p.Item.ItemId).ShouldBe(["rev_urgent", "rev_big", "rev_small_old", "rev_small_new"]);
        listed.Select(p => p.Priority).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task Priority_AgeEventuallyOvertakesAmount()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var old = Items.New("old", t0, amount: 10m);
        var big = Items.New("big", t0.AddDays(2), amount: 10_000m);

        ReviewPriority.Compute(old, t0.AddDays(2)).ShouldBeGreaterThan(ReviewPriority.Compute(big, t0.AddDays(2)));
    }

    [Fact]
    public async Task DecideAsync_HundredConcurrentDecisions_ExactlyOneWins()
    {
        await using var h = await ReviewHarness.OpenAsync();
        await h.Reviews.CreateAsync(Items.New("rev_race", h.Clock.GetUtcNow()), default);
        using var start = new ManualResetEventSlim();

        var racers = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var decision = (i % 3) switch
            {
                0 => new ReviewDecision(ReviewStatus.Approved, $"reviewer-{i}"),
                1 => new ReviewDecision(ReviewStatus.Rejected, $"reviewer-{i}", "no"),
                _ => new ReviewDecision(ReviewStatus.Modified, $"reviewer-{i}", null, """{"order_id":"B-1","amount":5}"""),
            };
            return await h.Service.DecideAsync("rev_race", decision, default);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);

        results.Count(r => r.Status == DecideStatus.Decided).ShouldBe(1);
        results.Count(r => r.Status == DecideStatus.Conflict).ShouldBe(99);
        var winner = results.Single(r => r.Status == DecideStatus.Decided).Item!;
        results.Where(r => r.Status == DecideStatus.Conflict).ShouldAllBe(r => r.Item!.DecidedBy == winner.DecidedBy && r.Item.Status == winner.Status);
        results.First(r => r.Status == DecideStatus.Conflict).Message.ShouldContain($"already {winner.Status.ToString().ToLowerInvariant()} by {winner.DecidedBy}");
        (await h.Reviews.GetAsync("rev_race", default))!.DecidedBy.ShouldBe(winner.DecidedBy);
    }

    [Fact]
    public async Task DecideAsync_AfterExpiry_IsRefused()
    {
        await using var h = await ReviewHarness.OpenAsync();
        await h.Reviews.CreateAsync(Items.New("rev_late", h.Clock.GetUtcNow()), default);
        (await h.Reviews.ExpireAsync("rev_late", h.Clock.GetUtcNow(), default)).Status.ShouldBe(DecideStatus.Decided);

        var late = await h.Service.DecideAsync("rev_late", new ReviewDecision(ReviewStatus.Approved, "bob"), default);

        late.Status.ShouldBe(DecideStatus.Expired);
        late.Message.ShouldContain("expired");
        (await h.Reviews.GetAsync("rev_late", default))!.Status.ShouldBe(ReviewStatus.Expired);
    }

    [Fact]
    public async Task DecideAsync_AlreadyDecidedOrMissing_IsRefused()
    {
        await using var h = await ReviewHarness.OpenAsync();
        await h.Reviews.CreateAsync(Items.New("rev_once", h.Clock.GetUtcNow()), default);
        (await h.Service.DecideAsync("rev_once", new ReviewDecision(ReviewStatus.Rejected, "alice", "too much"), default)).Status.ShouldBe(DecideStatus.Decided);

        (await h.Service.DecideAsync("rev_once", new ReviewDecision(ReviewStatus.Approved, "bob"), default)).Status.ShouldBe(DecideStatus.Conflict);
        (await h.Reviews.ExpireAsync("rev_once", h.Clock.GetUtcNow(), default)).Status.ShouldBe(DecideStatus.Conflict);
        (await h.Service.DecideAsync("rev_nope", new ReviewDecision(ReviewStatus.Approved, "bob"), default)).Status.ShouldBe(DecideStatus.NotFound);
    }

    [Fact]
    public async Task InitializeAsync_FileWithoutWorkflowSchema_IsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("foreman-reviews-").FullName;
        var store = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = Path.Combine(folder, "x.db") });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(default));

        error.Message.ShouldContain("SqliteWorkflowStore");
    }
}
