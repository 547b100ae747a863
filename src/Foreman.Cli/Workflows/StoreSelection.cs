using System.CommandLine;

namespace Foreman.Cli.Workflows;

/// <summary>
/// The options that choose a command's durable store, in one place so every command that opens a store (runs, dlq,
/// events, review, autonomy, worker, and <c>foreman serve</c>) takes the same ones:
/// <c>--store sqlite|postgres</c> (<c>FOREMAN_STORE</c>), <c>--db</c> for SQLite's file, and for PostgreSQL
/// <c>--connection</c> (<c>FOREMAN_CONNECTION</c>) and <c>--schema</c> (<c>FOREMAN_SCHEMA</c>). A value on the command
/// line wins over the environment. All are recursive: they may be written before or after a subcommand. The
/// observability commands (traces, cost, alerts, quality) take them too.
/// </summary>
internal sealed class StoreSelection
{
    public const string DefaultSchema = "foreman";

    private StoreSelection()
    {
    }

    public Option<string> Database { get; } = DatabaseOption.Create();

    public Option<string?> Kind { get; } = StoreKindOption.Create();

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "PostgreSQL: the Npgsql connection string, e.g. \"Host=db;Database=foreman;Username=foreman;Password=…\" (default: $FOREMAN_CONNECTION).",
        Recursive = true,
    };

    public Option<string?> Schema { get; } = new("--schema")
    {
        Description = $"PostgreSQL: the schema of Foreman's tables (default: $FOREMAN_SCHEMA, else {DefaultSchema}).",
        Recursive = true,
    };

    public static StoreSelection Create() => new();

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
        command.Options.Add(Kind);
        command.Options.Add(Connection);
        command.Options.Add(Schema);
    }

    /// <summary>The store the user asked for; <see cref="StoreTarget.Error"/> says what is missing or wrong.</summary>
    public StoreTarget Resolve(ParseResult parse, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        var kind = parse.GetValue(Kind) ?? NonEmpty(environment.GetVariable("FOREMAN_STORE"))?.ToLowerInvariant() ?? StoreKindOption.Sqlite;
        var schema = parse.GetValue(Schema) ?? NonEmpty(environment.GetVariable("FOREMAN_SCHEMA")) ?? DefaultSchema;
        switch (kind)
        {
            case StoreKindOption.Sqlite:
                return new StoreTarget(kind, DatabaseOption.Resolve(parse, Database, environment), null, schema);
            case StoreKindOption.Postgres:
                var connection = parse.GetValue(Connection) ?? NonEmpty(environment.GetVariable("FOREMAN_CONNECTION"));
                return connection is null
                    ? new StoreTarget(kind, null, null, schema, "--store postgres needs --connection (or FOREMAN_CONNECTION), e.g. \"Host=127.0.0.1;Database=foreman;Username=foreman\".")
                    : new StoreTarget(kind, null, connection, schema);
            default:
                return new StoreTarget(kind, null, null, schema, $"unknown store '{kind}' (FOREMAN_STORE); use sqlite or postgres.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
