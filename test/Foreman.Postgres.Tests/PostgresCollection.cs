namespace Foreman.Postgres.Tests;

/// <summary>Every test class of the project shares one cluster: starting PostgreSQL costs a second or two, a schema milliseconds.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}
