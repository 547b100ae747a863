using Foreman.Workflows.Storage;

namespace Foreman.Sqlite.Tests;

/// <summary>Start-up: durability settings, migrations, files that are not (our) databases, lifecycle.</summary>
public sealed class SqliteStoreInitializationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InitializeAsync_Default_WalAndSynchronousFull()
    {
        await using var store = new SqliteWorkflowStore(_database.Options());

        await store.InitializeAsync(CancellationToken.None);

        store.DurabilitySettings.ShouldBe(("wal", SqliteSynchronousMode.Full));
        RawDatabase.Scalar(_database.Path, "PRAGMA journal_mode").ShouldBe("wal");
        new SqliteWorkflowStoreOptions().Synchronous.ShouldBe(SqliteSynchronousMode.Full);
    }

    [Fact]
    public async Task InitializeAsync_Normal_SynchronousNormal()
    {
        await using var store = new SqliteWorkflowStore(_database.Options(SqliteSynchronousMode.Normal));

        await store.InitializeAsync(CancellationToken.None);

        store.DurabilitySettings.ShouldBe(("wal", SqliteSynchronousMode.Normal));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseWithoutWal_RefusesWithClearError()
    {
        // An in-memory database cannot use WAL, like a file system without shared memory support.
        await using var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = ":memory:" });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        error.Message.ShouldContain("write-ahead logging");
        error.Message.ShouldContain("journal_mode is 'memory'");
    }

    [Fact]
    public async Task InitializeAsync_MissingFolder_CreatesIt()
    {
        var path = Path.Combine(_database.Folder, "nested", "deeper", "runs.db");
        await using var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = path });

        await store.InitializeAsync(CancellationToken.None);

        File.Exists(path).ShouldBeTrue();
    }

    [Fact]
    public async Task InitializeAsync_GarbageFile_ClearErrorNamingTheFile()
    {
        await File.WriteAllBytesAsync(_database.Path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray());
        await using var store = new SqliteWorkflowStore(_database.Options());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        error.Message.ShouldContain(_database.Path);
        error.Message.ShouldContain("not a SQLite database");
        await Should.ThrowAsync<InvalidOperationException>(() => store.GetRunAsync("x", CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_SomebodyElsesTableWithOurName_RefusesToTouchIt()
    {
        using (var connection = RawDatabase.Open(_database.Path))
        {
            RawDatabase.Execute(connection, "CREATE TABLE customers (id INTEGER PRIMARY KEY)");
            RawDatabase.Execute(connection, "CREATE TABLE journal (day TEXT, entry TEXT)");
        }

        await using var store = new SqliteWorkflowStore(_database.Options());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        error.Message.ShouldContain("'journal'");
        error.Message.ShouldContain("not a Foreman database");
        RawDatabase.Scalar(_database.Path, "SELECT count(*) FROM sqlite_master WHERE name IN ('runs', 'schema_version')").ShouldBe(0L);
    }

    [Fact]
    public async Task InitializeAsync_FileSharedWithOtherTables_AddsItsTablesAndLeavesTheOthers()
    {
        // Another store (the review queue) may have created the file first.
        using (var connection = RawDatabase.Open(_database.Path))
        {
            RawDatabase.Execute(connection, "CREATE TABLE review_items (item_id TEXT PRIMARY KEY)");
            RawDatabase.Execute(connection, "INSERT INTO review_items VALUES ('r1')");
        }

        await using var store = new SqliteWorkflowStore(_database.Options());
        await store.InitializeAsync(CancellationToken.None);

        (await store.CreateRunAsync(new NewRun("run-a", "orders", "{}", null, null, T0), CancellationToken.None)).Created.ShouldBeTrue();
        RawDatabase.Scalar(_database.Path, "SELECT item_id FROM review_items").ShouldBe("r1");
    }

    [Fact]
    public async Task InitializeAsync_NewerSchema_RefusesWithUpgradeMessage()
    {
        await using (var first = new SqliteWorkflowStore(_database.Options()))
        {
            await first.InitializeAsync(CancellationToken.None);
        }

        using (var connection = RawDatabase.Open(_database.Path))
        {
            RawDatabase.Execute(connection, "INSERT INTO schema_version (version, description) VALUES (999, 'from the future')");
        }

        await using var store = new SqliteWorkflowStore(_database.Options());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        error.Message.ShouldContain("999");
        error.Message.ShouldContain("Upgrade Foreman");
    }

    [Fact]
    public async Task InitializeAsync_Repeated_AppliesEachMigrationOnce()
    {
        await using (var first = new SqliteWorkflowStore(_database.Options()))
        {
            await first.InitializeAsync(CancellationToken.None);
            await first.InitializeAsync(CancellationToken.None);
            await first.CreateRunAsync(new NewRun("run-a", "orders", "{}", null, null, T0), CancellationToken.None);
        }

        await using var second = new SqliteWorkflowStore(_database.Options());
        await second.InitializeAsync(CancellationToken.None);

        (await second.GetRunAsync("run-a", CancellationToken.None)).ShouldNotBeNull();
        RawDatabase.Scalar(_database.Path, "SELECT count(*) FROM schema_version").ShouldBe((long)SqliteSchema.Migrations.Count);
        RawDatabase.Scalar(_database.Path, "SELECT max(version) FROM schema_version").ShouldBe((long)SqliteSchema.LatestVersion);
    }

    [Fact]
    public async Task InitializeAsync_SixStoresOnANewFileAtOnce_AllStartAndMigrateOnce()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => new SqliteWorkflowStore(_database.Options())).ToList();
        try
        {
            await Task.WhenAll(stores.Select(store => Task.Run(() => store.InitializeAsync(CancellationToken.None))));

            RawDatabase.Scalar(_database.Path, "SELECT count(*) FROM schema_version").ShouldBe((long)SqliteSchema.Migrations.Count);
            for (var i = 0; i < stores.Count; i++)
            {
                (await stores[i].CreateRunAsync(new NewRun($"run-{i}", "orders", "{}", null, null, T0), CancellationToken.None)).Created.ShouldBeTrue();
            }

            (await stores[0].ListRunsAsync(new RunQuery(), CancellationToken.None)).Count.ShouldBe(6);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Calls_BeforeInitialize_ThrowInvalidOperation()
    {
        await using var store = new SqliteWorkflowStore(_database.Options());

        await Should.ThrowAsync<InvalidOperationException>(() => store.GetRunAsync("x", CancellationToken.None));
        Should.Throw<InvalidOperationException>(() => store.CreateRunAsync(new NewRun("x", "w", "{}", null, null, T0), CancellationToken.None));
    }

    [Fact]
    public async Task Calls_AfterDispose_ThrowObjectDisposed()
    {
        var store = new SqliteWorkflowStore(_database.Options());
        await store.InitializeAsync(CancellationToken.None);
        await store.DisposeAsync();
        await store.DisposeAsync();

        Should.Throw<ObjectDisposedException>(() => store.CreateRunAsync(new NewRun("x", "w", "{}", null, null, T0), CancellationToken.None));
        Should.Throw<ObjectDisposedException>(() => store.GetRunAsync("x", CancellationToken.None));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Should.Throw<ArgumentException>(() => new SqliteWorkflowStore(new SqliteWorkflowStoreOptions()));
        Should.Throw<ArgumentOutOfRangeException>(() => new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = _database.Path, MaxBatchSize = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = _database.Path, ReaderPoolSize = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = _database.Path, BusyTimeout = TimeSpan.FromSeconds(-1) }));
        Should.Throw<ArgumentOutOfRangeException>(() => new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = _database.Path, Synchronous = (SqliteSynchronousMode)7 }));
    }

    [Fact]
    public async Task Options_ChangedAfterConstruction_HaveNoEffect()
    {
        var options = _database.Options();
        await using var store = new SqliteWorkflowStore(options);
        options.Synchronous = SqliteSynchronousMode.Normal;
        options.DatabasePath = Path.Combine(_database.Folder, "other.db");

        await store.InitializeAsync(CancellationToken.None);

        store.DurabilitySettings.Synchronous.ShouldBe(SqliteSynchronousMode.Full);
        store.DatabasePath.ShouldBe(_database.Path);
    }
}
