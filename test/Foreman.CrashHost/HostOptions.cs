using System.Globalization;

namespace Foreman.CrashHost;

/// <summary>
/// The host's command line: <c>--db PATH --ledger PATH [--concurrency N] [--lease-ms N] [--poll-ms N] [--effect-delay-ms N] [--exit-when-done]</c>,
/// or with <c>--store postgres --connection CS [--schema NAME]</c> instead of <c>--db</c>.
/// </summary>
public sealed record HostOptions(string Database, string Ledger, int Concurrency, TimeSpan Lease, TimeSpan Poll, TimeSpan EffectDelay, bool ExitWhenDone)
{
    /// <summary>Gets the store: <c>sqlite</c> (the default) or <c>postgres</c>.</summary>
    public string Store { get; init; } = "sqlite";

    /// <summary>Gets the PostgreSQL connection string.</summary>
    public string? Connection { get; init; }

    /// <summary>Gets the PostgreSQL schema.</summary>
    public string Schema { get; init; } = "foreman";

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    public static HostOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var exitWhenDone = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--exit-when-done")
            {
                exitWhenDone = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.", nameof(args));
            }
        }

        int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        string Required(string name) => values.TryGetValue(name, out var text) ? text : throw new ArgumentException($"{name} is required.", nameof(args));

        var store = values.GetValueOrDefault("--store", "sqlite");
        return new HostOptions(
            store == "postgres" ? string.Empty : Required("--db"),
            Required("--ledger"),
            Number("--concurrency", 16),
            TimeSpan.FromMilliseconds(Number("--lease-ms", 2_000)),
            TimeSpan.FromMilliseconds(Number("--poll-ms", 200)),
            TimeSpan.FromMilliseconds(Number("--effect-delay-ms", 2)),
            exitWhenDone)
        {
            Store = store,
            Connection = store == "postgres" ? Required("--connection") : null,
            Schema = values.GetValueOrDefault("--schema", "foreman"),
        };
    }
}
