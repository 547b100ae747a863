using Foreman.Reviews;
using Foreman.Workflows.StoreContract.Reviews;

namespace Foreman.Sqlite.Tests;

/// <summary>The review store contract against <see cref="SqliteReviewStore"/> on a temporary file.</summary>
public sealed class SqliteReviewStoreContractTests : ReviewStoreContractTests
{
    private readonly TempDatabase _database = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }

    protected override async Task<IReviewStore> CreateStoreAsync()
    {
        // The review tables live in the workflow store's file, which the workflow store must create first.
        await using (var workflows = new SqliteWorkflowStore(_database.Options()))
        {
            await workflows.InitializeAsync(Ct);
        }

        return await OpenSameDatabaseAsync();
    }

    protected override async Task<IReviewStore> OpenSameDatabaseAsync()
    {
        var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = _database.Path });
        await reviews.InitializeAsync(Ct);
        return reviews;
    }
}
