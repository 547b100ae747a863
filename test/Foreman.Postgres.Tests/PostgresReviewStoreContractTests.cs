using Foreman.Reviews;
using Foreman.Workflows.StoreContract.Reviews;

namespace Foreman.Postgres.Tests;

/// <summary>The review store contract, unchanged, against <see cref="PostgresReviewStore"/>: each test gets its own schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReviewStoreContractTests(PostgresCluster cluster) : ReviewStoreContractTests
{
    private readonly string _schema = cluster.NewSchema();
    private readonly List<PostgresReviewStore> _stores = [];

    public override async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task<IReviewStore> CreateStoreAsync() => OpenSameDatabaseAsync();

    protected override async Task<IReviewStore> OpenSameDatabaseAsync()
    {
        var store = new PostgresReviewStore(new PostgresReviewStoreOptions { ConnectionString = cluster.ConnectionString, Schema = _schema });
        _stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }
}
