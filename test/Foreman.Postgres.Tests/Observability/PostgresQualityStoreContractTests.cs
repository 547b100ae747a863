using Foreman.Quality;
using Foreman.Workflows.StoreContract.Observability;

namespace Foreman.Postgres.Tests.Observability;

/// <summary>The quality store contract, unchanged, against <see cref="PostgresQualityStore"/>: each test gets its own schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQualityStoreContractTests(PostgresCluster cluster) : QualityStoreContractTests
{
    private readonly string _schema = cluster.NewSchema();
    private readonly List<PostgresQualityStore> _stores = [];

    public override async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task<IQualityStore> CreateStoreAsync() => OpenSameDatabaseAsync();

    protected override async Task<IQualityStore> OpenSameDatabaseAsync()
    {
        var store = new PostgresQualityStore(new PostgresObservabilityStoreOptions { ConnectionString = cluster.ConnectionString, Schema = _schema });
        _stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }
}
