using Foreman.Workflows.Storage;
using Foreman.Workflows.StoreContract;

namespace Foreman.Sqlite.Tests;

/// <summary>The store contract against <see cref="SqliteWorkflowStore"/> on a temporary file.</summary>
public sealed class SqliteWorkflowStoreContractTests : WorkflowStoreContractTests
{
    private readonly TempDatabase _database = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }

    protected override Task<IWorkflowStore> CreateStoreAsync() =>
        Task.FromResult<IWorkflowStore>(new SqliteWorkflowStore(_database.Options()));

    protected override Task<IWorkflowStore> OpenSameDatabaseAsync() =>
        Task.FromResult<IWorkflowStore>(new SqliteWorkflowStore(_database.Options()));
}
