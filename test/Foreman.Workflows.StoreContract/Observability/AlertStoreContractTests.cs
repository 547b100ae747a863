using Foreman.Alerts;

namespace Foreman.Workflows.StoreContract.Observability;

/// <summary>
/// The behaviour every <see cref="IAlertStore"/> must have: one firing alert per condition, severity that only rises,
/// and deduplication that holds when two servers evaluate the rules at the same moment.
/// </summary>
public abstract class AlertStoreContractTests : IAsyncLifetime
{
    /// <summary>The time the tests start at.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly AlertCandidate Warning = new("loop_rate", "reader", AlertSeverity.Warning, "loops", 0.03, 0.02);

    /// <summary>Gets the cancellation token of the tests.</summary>
    protected static CancellationToken Ct => CancellationToken.None;

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Creates a ready (initialized) store over a new, empty database.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IAlertStore> CreateStoreAsync();

    /// <summary>Creates another ready store over the database of the last <see cref="CreateStoreAsync"/>, as a second server would.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IAlertStore> OpenSameDatabaseAsync();

    /// <summary>One firing alert per condition, whose severity only rises; after resolution the condition is a new alert.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Raise_OneFiringAlertPerCondition_SeverityOnlyRises_ResolvedMeansANewAlertNextTime()
    {
        var store = await CreateStoreAsync();

        var (first, c1) = await store.RaiseAsync(Warning, "alrt_1", T0, Ct);
        var (second, c2) = await store.RaiseAsync(Warning with { Severity = AlertSeverity.Critical, Message = "c", Value = 0.05 }, "alrt_2", T0.AddMinutes(1), Ct);
        var (third, c3) = await store.RaiseAsync(Warning, "alrt_3", T0.AddMinutes(2), Ct);

        (c1, c2, c3).ShouldBe((AlertChange.Created, AlertChange.Escalated, AlertChange.Updated));
        new[] { first.AlertId, second.AlertId, third.AlertId }.Distinct().ShouldHaveSingleItem().ShouldBe("alrt_1");
        (first.Rule, first.Subject, first.Severity, first.Message, first.Value, first.Threshold, first.State, first.FiredAt, first.LastSeenAt, first.Occurrences)
            .ShouldBe(("loop_rate", "reader", AlertSeverity.Warning, "loops", 0.03, 0.02, AlertState.Firing, T0, T0, 1));
        (second.Message, second.Value).ShouldBe(("c", 0.05));
        third.Severity.ShouldBe(AlertSeverity.Critical, "a lower reading does not downgrade a firing alert");
        (third.Occurrences, third.FiredAt, third.LastSeenAt).ShouldBe((3, T0, T0.AddMinutes(2)));

        var resolved = (await store.ResolveAsync(Warning.Fingerprint, T0.AddHours(2), Ct)).ShouldNotBeNull();
        (resolved.AlertId, resolved.State, resolved.ResolvedAt).ShouldBe(("alrt_1", AlertState.Resolved, (DateTimeOffset?)T0.AddHours(2)));
        (await store.ResolveAsync(Warning.Fingerprint, T0.AddHours(2), Ct)).ShouldBeNull("nothing is firing any more");
        var (next, c4) = await store.RaiseAsync(Warning, "alrt_4", T0.AddHours(3), Ct);
        (next.AlertId, c4, next.Occurrences).ShouldBe(("alrt_4", AlertChange.Created, 1), "after resolution the condition is a new alert");
    }

    /// <summary>A notified alert stays notified when updated and becomes unnotified when it escalates.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task MarkNotified_KeptOnUpdates_ClearedByAnEscalation()
    {
        var store = await CreateStoreAsync();
        var (alert, _) = await store.RaiseAsync(Warning, "alrt_1", T0, Ct);
        alert.NotifiedAt.ShouldBeNull();

        await store.MarkNotifiedAsync("alrt_1", T0.AddSeconds(1), Ct);
        (await store.RaiseAsync(Warning, "alrt_2", T0.AddMinutes(1), Ct)).Alert.NotifiedAt.ShouldBe(T0.AddSeconds(1));
        (await store.RaiseAsync(Warning with { Severity = AlertSeverity.Critical }, "alrt_3", T0.AddMinutes(2), Ct)).Alert.NotifiedAt
            .ShouldBeNull("an escalation must reach a person again");
    }

    /// <summary>Listing filters by state, time and rule, newest first, limited; firing alerts of a rule come by fingerprint.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_FiltersByStateSinceAndRule_NewestFirst_Limited()
    {
        var store = await CreateStoreAsync();
        await store.RaiseAsync(Warning, "alrt_1", T0, Ct);
        await store.RaiseAsync(Warning with { Subject = "writer" }, "alrt_2", T0.AddMinutes(1), Ct);
        await store.RaiseAsync(new AlertCandidate("cost_spike", "invoices", AlertSeverity.Critical, "spike", 3, 2), "alrt_3", T0.AddMinutes(2), Ct);
        await store.ResolveAsync(Warning.Fingerprint, T0.AddMinutes(3), Ct);

        (await store.ListAsync(new AlertQuery(), Ct)).Select(a => a.AlertId).ShouldBe(["alrt_3", "alrt_2", "alrt_1"]);
        (await store.ListAsync(new AlertQuery(State: AlertState.Firing), Ct)).Select(a => a.AlertId).ShouldBe(["alrt_3", "alrt_2"]);
        (await store.ListAsync(new AlertQuery(State: AlertState.Resolved), Ct)).Select(a => a.AlertId).ShouldBe(["alrt_1"]);
        (await store.ListAsync(new AlertQuery(Since: T0.AddMinutes(1)), Ct)).Select(a => a.AlertId).ShouldBe(["alrt_3", "alrt_2"]);
        (await store.ListAsync(new AlertQuery(Rule: "loop_rate"), Ct)).Select(a => a.AlertId).ShouldBe(["alrt_2", "alrt_1"]);
        (await store.ListAsync(new AlertQuery(Limit: 1), Ct)).Select(a => a.AlertId).ShouldBe(["alrt_3"]);

        (await store.ListFiringAsync("loop_rate", Ct)).Select(a => a.Subject).ShouldBe(["writer"]);
        await store.RaiseAsync(Warning with { Subject = "analyst" }, "alrt_4", T0.AddMinutes(4), Ct);
        (await store.ListFiringAsync("loop_rate", Ct)).Select(a => a.Subject).ShouldBe(["analyst", "writer"], "by fingerprint");
        (await store.ListFiringAsync("nothing", Ct)).ShouldBeEmpty();
    }

    /// <summary>Two servers raising one condition at once create one alert and count every occurrence.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Raise_TwoServersAtOnce_OneAlertIsCreated_EveryOccurrenceCounted()
    {
        var first = await CreateStoreAsync();
        var second = await OpenSameDatabaseAsync();
        const int Raises = 24;

        var results = await Task.WhenAll(Enumerable.Range(0, Raises).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).RaiseAsync(Warning, $"alrt_{i:D2}", T0.AddSeconds(i), Ct))));

        results.Count(r => r.Change == AlertChange.Created).ShouldBe(1, "the condition is one alert, however many servers find it");
        results.Count(r => r.Change == AlertChange.Updated).ShouldBe(Raises - 1);
        results.Select(r => r.Alert.AlertId).Distinct().ShouldHaveSingleItem();
        var stored = (await first.ListAsync(new AlertQuery(), Ct)).ShouldHaveSingleItem();
        stored.Occurrences.ShouldBe(Raises);
    }

    /// <summary>Two servers escalating one alert at once report the escalation once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Raise_TwoServersEscalateAtOnce_OnlyOneReportsTheEscalation()
    {
        var first = await CreateStoreAsync();
        var second = await OpenSameDatabaseAsync();
        await first.RaiseAsync(Warning, "alrt_1", T0, Ct);
        var critical = Warning with { Severity = AlertSeverity.Critical };

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).RaiseAsync(critical, $"alrt_x{i}", T0.AddSeconds(i + 1), Ct))));

        results.Count(r => r.Change == AlertChange.Escalated).ShouldBe(1, "a person is told once that it got worse");
        results.ShouldAllBe(r => r.Alert.AlertId == "alrt_1" && r.Alert.Severity == AlertSeverity.Critical);
        (await second.ListAsync(new AlertQuery(), Ct)).ShouldHaveSingleItem().Occurrences.ShouldBe(13);
    }
}
