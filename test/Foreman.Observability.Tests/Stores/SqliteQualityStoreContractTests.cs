using Foreman.Quality;
using Foreman.Sqlite;
using Foreman.Workflows.StoreContract.Observability;

namespace Foreman.Observability.Tests.Stores;

/// <summary>The quality store contract against <see cref="SqliteQualityStore"/> on a temporary file.</summary>
public sealed class SqliteQualityStoreContractTests : QualityStoreContractTests
{
    private readonly SqliteObservabilityDatabase _database = new();

    public override async Task DisposeAsync() => await _database.DisposeAsync();

    protected override Task<IQualityStore> CreateStoreAsync() => OpenSameDatabaseAsync();

    protected override async Task<IQualityStore> OpenSameDatabaseAsync()
    {
        await _database.EnsureCreatedAsync();
        var store = new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = _database.Path });
        await store.InitializeAsync(Ct);
        return store;
    }
}
