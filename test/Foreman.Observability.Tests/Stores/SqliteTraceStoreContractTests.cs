using Foreman.Sqlite;
using Foreman.Tracing;
using Foreman.Workflows.StoreContract.Observability;

namespace Foreman.Observability.Tests.Stores;

/// <summary>The trace store contract against <see cref="SqliteTraceStore"/> on a temporary file.</summary>
public sealed class SqliteTraceStoreContractTests : TraceStoreContractTests
{
    private readonly SqliteObservabilityDatabase _database = new();
    private TimeSpan _retention = TimeSpan.FromDays(30);

    public override async Task DisposeAsync() => await _database.DisposeAsync();

    protected override Task<ITraceStore> CreateStoreAsync(TimeSpan retention)
    {
        _retention = retention;
        return OpenSameDatabaseAsync();
    }

    protected override async Task<ITraceStore> OpenSameDatabaseAsync()
    {
        await _database.EnsureCreatedAsync();
        var store = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = _database.Path, Retention = _retention, TimeProvider = Clock });
        await store.InitializeAsync(Ct);
        return store;
    }
}
