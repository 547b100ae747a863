using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Stores;
using Foreman.Workflows.Storage;

namespace Foreman.Sqlite.Tests;

/// <summary>
/// Pins what the store writes to disk. A run paused by one release must resume under the next, so any change
/// here must come with a migration, and then a new fixture.
/// </summary>
public sealed class SqliteStoredFormatTests : IDisposable
{
    private const string FixturePath = "Fixtures/stored-formats.v1.json";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task StoredRows_KnownScenario_MatchTheFixture()
    {
        await WriteScenarioAsync();

        var actual = Dump();

        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, FixturePath)))!;
        if (!JsonNode.DeepEquals(actual, expected))
        {
            // Written next to the test binaries so a deliberate format change (with its migration) can be reviewed.
            var written = Path.Combine(AppContext.BaseDirectory, "stored-formats.actual.json");
            await File.WriteAllTextAsync(written, actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            Assert.Fail($"The stored formats changed; compare {written} with {FixturePath}.");
        }
    }

    [Fact]
    public void StoredNames_EveryEnumValue_HasAPinnedName()
    {
        Enum.GetValues<RunStatus>().Select(StoredFormats.Status).ShouldBe(["pending", "running", "waiting", "completed", "failed", "cancelled", "dead_lettered", "suspended"]);
        Enum.GetValues<JournalEntryKind>().Select(StoredFormats.Kind).ShouldBe(["step", "timer", "wait", "child", "value", "transition"]);
        Enum.GetValues<JournalEntryState>().Select(StoredFormats.State).ShouldBe(["completed", "failed", "retrying", "pending"]);
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            StoredFormats.ParseStatus(StoredFormats.Status(status)).ShouldBe(status);
        }
    }

    [Fact]
    public void StoredTimes_AreUtcTicks_AndRoundTripExactly()
    {
        var time = new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        StoredFormats.Time(time).ShouldBe(time.UtcTicks);
        StoredFormats.ParseTime(StoredFormats.Time(time)).ShouldBe(time);
        StoredFormats.ParseTime(StoredFormats.Time(time)).Ticks.ShouldBe(time.UtcTicks);
    }

    [Fact]
    public async Task StoredRows_UnknownStatusInTheFile_ClearError()
    {
        await using (var store = await OpenAsync())
        {
            await store.CreateRunAsync(new NewRun("run-a", "orders", "{}", null, null, T0), Ct);
        }

        using (var connection = RawDatabase.Open(_database.Path))
        {
            RawDatabase.Execute(connection, "UPDATE runs SET status = 'hibernating'");
        }

        await using var reopened = await OpenAsync();
        var error = await Should.ThrowAsync<InvalidDataException>(() => reopened.GetRunAsync("run-a", Ct));
        error.Message.ShouldContain("hibernating");
    }

    private async Task WriteScenarioAsync()
    {
        await using var store = await OpenAsync();
        var lease = TimeSpan.FromSeconds(30);

        // A parent that records two entries and waits for an approval and its child.
        await store.CreateRunAsync(new NewRun("parent", "orders", """{"order":7}""", "submit-1", null, T0), Ct);
        var parent = (await store.ClaimAsync("worker-a", 1, lease, T0, Ct))[0];
        await store.CommitAsync(new RunCommit
        {
            RunId = "parent",
            Epoch = parent.Epoch,
            Entries =
            [
                new JournalEntry { RunId = "parent", Sequence = 1, Key = "1", Kind = JournalEntryKind.Step, Name = "charge", State = JournalEntryState.Completed, Payload = """{"charged":12}""", Attempts = 2, RecordedAt = T0.AddSeconds(1) },
                new JournalEntry { RunId = "parent", Sequence = 2, Key = "2/1", Kind = JournalEntryKind.Wait, Name = "approval", State = JournalEntryState.Pending, DueAt = T0.AddHours(1), RecordedAt = T0.AddSeconds(1) },
                new JournalEntry { RunId = "parent", Sequence = 3, Key = "3", Kind = JournalEntryKind.Child, Name = "ship", State = JournalEntryState.Pending, Payload = """{"child_run_id":"child"}""", RecordedAt = T0.AddSeconds(1) },
            ],
            BusinessState = "awaiting_approval",
            Transition = new RunTransition { To = RunStatus.Waiting, WakeAt = T0.AddHours(1), WaitingFor = ["approval", "child:child"] },
            At = T0.AddSeconds(1),
        }, Ct);

        // Its child completes: the parent gets child:child and wakes.
        await store.CreateRunAsync(new NewRun("child", "shipping", """{"to":"Zoë"}""", "child:child", "parent", T0.AddSeconds(2)), Ct);
        var child = (await store.ClaimAsync("worker-b", 1, lease, T0.AddSeconds(3), Ct))[0];
        await store.CommitAsync(new RunCommit { RunId = "child", Epoch = child.Epoch, Transition = new RunTransition { To = RunStatus.Completed, Output = "\"shipped\"" }, At = T0.AddSeconds(4) }, Ct);

        // An approval that arrives with a dedupe key, and one consumed event.
        await store.DeliverEventAsync("parent", "approval", """{"by":"ana"}""", "approval-1", T0.AddSeconds(5), Ct);
        parent = (await store.ClaimAsync("worker-a", 1, lease, T0.AddSeconds(5), Ct))[0];
        var childEvent = (await store.GetInboxAsync("parent", Ct)).Single(e => e.Name == "child:child");
        await store.CommitAsync(new RunCommit
        {
            RunId = "parent",
            Epoch = parent.Epoch,
            Entries = [new JournalEntry { RunId = "parent", Sequence = 3, Key = "3", Kind = JournalEntryKind.Child, Name = "ship", State = JournalEntryState.Completed, Payload = """{"child_run_id":"child","status":"completed"}""", RecordedAt = T0.AddSeconds(5) }],
            ConsumedEvents = [childEvent.Id],
            At = T0.AddSeconds(5),
        }, Ct);

        // A cancelled run and a dead-lettered one.
        await store.CreateRunAsync(new NewRun("cancelled", "orders", "{}", null, null, T0.AddSeconds(6)), Ct);
        await store.CancelAsync("cancelled", "customer withdrew", T0.AddSeconds(7), Ct);
        await store.CreateRunAsync(new NewRun("dead", "orders", "{}", null, null, T0.AddSeconds(8)), Ct);
        var dead = (await store.ClaimAsync("worker-c", 5, lease, T0.AddSeconds(8), Ct)).ShouldHaveSingleItem();
        await store.CommitAsync(new RunCommit
        {
            RunId = "dead",
            Epoch = dead.Epoch,
            Entries = [new JournalEntry { RunId = "dead", Sequence = 1, Key = "1", Kind = JournalEntryKind.Step, Name = "charge", State = JournalEntryState.Failed, Payload = """{"kind":"step_failed","message":"card declined"}""", Attempts = 3, RecordedAt = T0.AddSeconds(9) }],
            Transition = new RunTransition { To = RunStatus.DeadLettered, Error = """{"kind":"step_failed","message":"card declined","step":"charge","sequence":1,"attempts":3}""" },
            At = T0.AddSeconds(9),
        }, Ct);

        // A run parked on a timer and two events.
        await store.CreateRunAsync(new NewRun("waiting", "orders", "{}", null, null, T0.AddSeconds(10)), Ct);
        var waiting = (await store.ClaimAsync("worker-d", 5, lease, T0.AddSeconds(10), Ct)).ShouldHaveSingleItem();
        await store.CommitAsync(new RunCommit
        {
            RunId = "waiting",
            Epoch = waiting.Epoch,
            Transition = new RunTransition { To = RunStatus.Waiting, WakeAt = T0.AddDays(1), WaitingFor = ["approval", "child:wait-child"] },
            At = T0.AddSeconds(11),
        }, Ct);
    }

    private JsonObject Dump() => new()
    {
        ["schema_version"] = Table("SELECT * FROM schema_version ORDER BY version"),
        ["runs"] = Table("SELECT * FROM runs ORDER BY run_id"),
        ["journal"] = Table("SELECT * FROM journal ORDER BY run_id, seq"),
        ["inbox"] = Table("SELECT * FROM inbox ORDER BY id"),
    };

    private JsonArray Table(string sql)
    {
        var table = new JsonArray();
        foreach (var row in RawDatabase.Rows(_database.Path, sql))
        {
            var node = new JsonObject();
            foreach (var (column, value) in row)
            {
                node[column] = value switch
                {
                    null => null,
                    long number => JsonValue.Create(number),
                    string text => JsonValue.Create(text),
                    _ => throw new InvalidOperationException($"Unexpected column type {value.GetType()} in {column}."),
                };
            }

            table.Add(node);
        }

        return table;
    }

    private async Task<SqliteWorkflowStore> OpenAsync()
    {
        var store = new SqliteWorkflowStore(_database.Options());
        await store.InitializeAsync(Ct);
        return store;
    }
}
