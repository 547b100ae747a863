using Foreman.Alerts;
using Foreman.Observability.Tests.Stores;
using Foreman.Sqlite;

namespace Foreman.Observability.Tests;

/// <summary>
/// Two servers evaluating the same rules over one alert store: the condition is one alert (the store's contract), and
/// it is sent once, by the server that raised it, even while that send is still under way.
/// </summary>
public sealed class AlertDeliveryAcrossServersTests : IAsyncLifetime
{
    private static readonly AlertCandidate Loop = new("loop_rate", "reader", AlertSeverity.Warning, "loops", 0.05, 0.02);
    private readonly SqliteObservabilityDatabase _database = new();
    private SqliteAlertStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.EnsureCreatedAsync();
        _store = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = _database.Path });
        await _store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task SecondServerEvaluatesWhileTheFirstIsSending_TheAlertIsSentOnce()
    {
        var slow = new CountingSink(accept: true, hold: true);
        var other = new CountingSink(accept: true, hold: false);
        var first = new AlertService(_store, [new FixedRule(Loop)], [slow]);
        var second = new AlertService(_store, [new FixedRule(Loop)], [other]);

        var firstEvaluation = first.EvaluateAsync(CancellationToken.None);
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var seen = await second.EvaluateAsync(CancellationToken.None);
        slow.Release.SetResult();
        var created = await firstEvaluation;

        created.Fired.ShouldHaveSingleItem().NotifiedAt.ShouldNotBeNull();
        seen.StillFiring.ShouldHaveSingleItem().NotifiedAt.ShouldBeNull("the first server had not finished sending it");
        other.Sent.ShouldBe(0, "the second server leaves the send to the one that raised the alert");
        (await second.EvaluateAsync(CancellationToken.None)).StillFiring.ShouldHaveSingleItem().NotifiedAt.ShouldNotBeNull();
        (slow.Sent, other.Sent).ShouldBe((1, 0));
    }

    [Fact]
    public async Task TheRaisingServersSinkIsDown_AnotherServerSendsItOneEvaluationLater()
    {
        var down = new CountingSink(accept: false, hold: false);
        var up = new CountingSink(accept: true, hold: false);
        var first = new AlertService(_store, [new FixedRule(Loop)], [down]);
        var second = new AlertService(_store, [new FixedRule(Loop)], [up]);

        (await first.EvaluateAsync(CancellationToken.None)).Fired.ShouldHaveSingleItem().NotifiedAt.ShouldBeNull();
        await second.EvaluateAsync(CancellationToken.None);
        up.Sent.ShouldBe(0, "the first sight of an unaccepted alert may be a send still under way");
        (await second.EvaluateAsync(CancellationToken.None)).StillFiring.ShouldHaveSingleItem().NotifiedAt.ShouldNotBeNull();
        up.Sent.ShouldBe(1);
        await first.EvaluateAsync(CancellationToken.None);
        (down.Sent, up.Sent).ShouldBe((1, 1), "accepted once, never sent again");
    }

    private sealed class FixedRule(AlertCandidate candidate) : IAlertRule
    {
        public string Name => candidate.Rule;

        public Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AlertCandidate>>([candidate]);
    }

    private sealed class CountingSink(bool accept, bool hold) : IAlertSink
    {
        private int _sent;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Sent => Volatile.Read(ref _sent);

        public string Name => "counting";

        public async Task<bool> SendAsync(Alert alert, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            Entered.TrySetResult();
            if (hold)
            {
                await Release.Task.WaitAsync(cancellationToken);
            }

            return accept;
        }
    }
}
