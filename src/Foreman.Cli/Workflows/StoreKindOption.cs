using System.CommandLine;

namespace Foreman.Cli.Workflows;

/// <summary>The <c>--store</c> option: which durable store to use. SQLite is the one that ships today.</summary>
internal static class StoreKindOption
{
    public const string Sqlite = "sqlite";

    public static Option<string> Create()
    {
        var option = new Option<string>("--store") { Description = "The durable store (default: sqlite).", DefaultValueFactory = _ => Sqlite };
        option.AcceptOnlyFromAmong(Sqlite);
        return option;
    }
}
