using Foreman.Alerts;
using Foreman.Sqlite;
using Foreman.Workflows.StoreContract.Observability;

namespace Foreman.Observability.Tests.Stores;

/// <summary>The alert store contract against <see cref="SqliteAlertStore"/> on a temporary file.</summary>
public sealed class SqliteAlertStoreContractTests : AlertStoreContractTests
{
    private readonly SqliteObservabilityDatabase _database = new();

    public override async Task DisposeAsync() => await _database.DisposeAsync();

    protected override Task<IAlertStore> CreateStoreAsync() => OpenSameDatabaseAsync();

    protected override async Task<IAlertStore> OpenSameDatabaseAsync()
    {
        await _database.EnsureCreatedAsync();
        var store = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = _database.Path });
        await store.InitializeAsync(Ct);
        return store;
    }
}
