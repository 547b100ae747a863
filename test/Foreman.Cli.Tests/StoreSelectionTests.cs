namespace Foreman.Cli.Tests;

/// <summary>The shared store options: --store, --connection, --schema and their environment variables.</summary>
public sealed class StoreSelectionTests
{
    [Theory]
    [InlineData("runs", "list")]
    [InlineData("dlq", "list")]
    [InlineData("review", "list")]
    [InlineData("autonomy", "show")]
    public async Task PostgresWithoutConnection_EveryStoreCommand_IsAUsageErrorNamingTheOption(string group, string command)
    {
        var (code, _, error) = await CliRunner.RunAsync([group, command, "--store", "postgres"]);

        code.ShouldBe(64);
        error.ShouldContain("--connection");
    }

    [Fact]
    public async Task UnknownStoreInTheEnvironment_IsAUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync(["runs", "list"], new Dictionary<string, string> { ["FOREMAN_STORE"] = "oracle" });

        code.ShouldBe(64);
        error.ShouldContain("unknown store 'oracle'");
    }

    [Fact]
    public async Task StoreFlag_WinsOverTheEnvironment()
    {
        var environment = new Dictionary<string, string> { ["FOREMAN_STORE"] = "postgres" };

        var (code, _, error) = await CliRunner.RunAsync(["runs", "list", "--store", "sqlite", "--db", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.db")], environment);

        // SQLite was used: the complaint is about the missing file, not about a connection string.
        code.ShouldBe(64);
        error.ShouldContain("there is no workflow database");
    }

    [Fact]
    public async Task UnknownStoreFlag_IsRefusedByTheParser()
    {
        var (code, _, _) = await CliRunner.RunAsync(["runs", "list", "--store", "oracle"]);

        code.ShouldNotBe(0);
    }
}
