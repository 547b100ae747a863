using Foreman.Sqlite;

namespace Foreman.Cli.Bench;

/// <summary>What <c>foreman bench durable</c> measures.</summary>
internal sealed record DurableBenchmarkOptions(int Workflows, int Steps, int Concurrency, SqliteSynchronousMode Synchronous, int Warmup, int? MaxBatchSize, TimeSpan PollInterval);
