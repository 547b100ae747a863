using Foreman.Tracing;
using Foreman.Workflows.StoreContract.Observability;

namespace Foreman.Postgres.Tests.Observability;

/// <summary>The trace store contract, unchanged, against <see cref="PostgresTraceStore"/>: each test gets its own schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTraceStoreContractTests(PostgresCluster cluster) : TraceStoreContractTests
{
    private readonly string _schema = cluster.NewSchema();
    private readonly List<PostgresTraceStore> _stores = [];
    private TimeSpan _retention = TimeSpan.FromDays(30);

    public override async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task<ITraceStore> CreateStoreAsync(TimeSpan retention)
    {
        _retention = retention;
        return OpenSameDatabaseAsync();
    }

    protected override async Task<ITraceStore> OpenSameDatabaseAsync()
    {
        var store = new PostgresTraceStore(new PostgresTraceStoreOptions { ConnectionString = cluster.ConnectionString, Schema = _schema, Retention = _retention, TimeProvider = Clock });
        _stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }
}
