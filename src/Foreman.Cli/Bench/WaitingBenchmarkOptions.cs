using Foreman.Sqlite;

namespace Foreman.Cli.Bench;

/// <summary>What <c>foreman bench waiting</c> measures.</summary>
internal sealed record WaitingBenchmarkOptions(int Runs, int Concurrency, SqliteSynchronousMode Synchronous);
