using System.CommandLine;

namespace Foreman.Cli.Workflows;

/// <summary>The <c>--store</c> option: which durable store to use (default: <c>$FOREMAN_STORE</c>, else sqlite).</summary>
internal static class StoreKindOption
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public static Option<string?> Create()
    {
        var option = new Option<string?>("--store") { Description = "The durable store: sqlite (one machine, the default) or postgres (several workers; needs --connection). Default: $FOREMAN_STORE, else sqlite.", Recursive = true };
        option.AcceptOnlyFromAmong(Sqlite, Postgres);
        return option;
    }
}
