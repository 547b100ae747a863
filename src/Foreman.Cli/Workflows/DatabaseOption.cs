using System.CommandLine;

namespace Foreman.Cli.Workflows;

/// <summary>The <c>--db</c> option shared by the workflow commands: the SQLite file of the durable store.</summary>
internal static class DatabaseOption
{
    public const string DefaultFileName = "foreman.db";

    /// <summary>Creates the option; recursive, so it may be written before or after the subcommand.</summary>
    public static Option<string> Create() => new("--db")
    {
        Description = $"The SQLite database of the workflow store (default: ./{DefaultFileName}).",
        DefaultValueFactory = _ => DefaultFileName,
        Recursive = true,
    };

    /// <summary>The database path the user asked for, resolved against the working folder.</summary>
    public static string Resolve(ParseResult parse, Option<string> option, CliEnvironment environment) =>
        environment.Resolve(parse.GetValue(option) ?? DefaultFileName);
}
