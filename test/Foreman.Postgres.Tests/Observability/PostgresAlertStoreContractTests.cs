using Foreman.Alerts;
using Foreman.Workflows.StoreContract.Observability;

namespace Foreman.Postgres.Tests.Observability;

/// <summary>The alert store contract, unchanged, against <see cref="PostgresAlertStore"/>: each test gets its own schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertStoreContractTests(PostgresCluster cluster) : AlertStoreContractTests
{
    private readonly string _schema = cluster.NewSchema();
    private readonly List<PostgresAlertStore> _stores = [];

    public override async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task<IAlertStore> CreateStoreAsync() => OpenSameDatabaseAsync();

    protected override async Task<IAlertStore> OpenSameDatabaseAsync()
    {
        var store = new PostgresAlertStore(new PostgresObservabilityStoreOptions { ConnectionString = cluster.ConnectionString, Schema = _schema });
        _stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }
}
