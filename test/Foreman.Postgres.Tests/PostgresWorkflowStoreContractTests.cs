using Foreman.Workflows.Storage;
using Foreman.Workflows.StoreContract;

namespace Foreman.Postgres.Tests;

/// <summary>The store contract, unchanged, against <see cref="PostgresWorkflowStore"/>: each test gets its own schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkflowStoreContractTests(PostgresCluster cluster) : WorkflowStoreContractTests
{
    private readonly string _schema = cluster.NewSchema();

    protected override Task<IWorkflowStore> CreateStoreAsync() => OpenSameDatabaseAsync();

    protected override Task<IWorkflowStore> OpenSameDatabaseAsync() =>
        Task.FromResult<IWorkflowStore>(new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = cluster.ConnectionString, Schema = _schema }));
}
