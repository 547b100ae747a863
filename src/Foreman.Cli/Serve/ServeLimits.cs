using System.CommandLine;
using System.Globalization;
using Foreman.Server;

namespace Foreman.Cli.Serve;

/// <summary>
/// <c>foreman serve</c>'s rate-limit and proxy options. Each has an environment variable as its fallback, so a
/// container or service unit can set them without changing the command line.
/// </summary>
internal sealed class ServeLimits
{
    private readonly Option<bool> _off = new("--no-rate-limit") { Description = "Turn the request rate limits off (default: on; $FOREMAN_RATE_LIMIT=off does the same)." };
    private readonly Option<int?> _writes = new("--write-limit") { Description = "Writes (submit, events, decisions) per minute per API key (default: $FOREMAN_WRITE_LIMIT, else 600)." };
    private readonly Option<int?> _reads = new("--read-limit") { Description = "Reads per minute per API key (default: $FOREMAN_READ_LIMIT, else 1200)." };
    private readonly Option<int?> _signIn = new("--sign-in-limit") { Description = "Dashboard sign-in attempts per minute per client address (default: $FOREMAN_SIGN_IN_LIMIT, else 20)." };
    private readonly Option<int?> _anonymous = new("--anonymous-limit") { Description = "Other requests without a valid key per minute per client address (default: $FOREMAN_ANONYMOUS_LIMIT, else 300)." };
    private readonly Option<string[]> _proxies = new("--trusted-proxy") { Description = "A reverse proxy (address, or network like 10.0.0.0/8) whose X-Forwarded-For is believed; repeatable (default: $FOREMAN_TRUSTED_PROXIES, comma-separated; none)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _off, _writes, _reads, _signIn, _anonymous, _proxies })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Copies the options into <paramref name="options"/>; returns a usage error, or <see langword="null"/>.</summary>
    public string? Apply(ParseResult parse, CliEnvironment environment, ForemanServerOptions options)
    {
        var limits = options.RateLimits;
        limits.Enabled = !parse.GetValue(_off) && !string.Equals(environment.GetVariable("FOREMAN_RATE_LIMIT"), "off", StringComparison.OrdinalIgnoreCase);
        foreach (var (option, variable, budget) in new[]
        {
            (_writes, "FOREMAN_WRITE_LIMIT", limits.Writes),
            (_reads, "FOREMAN_READ_LIMIT", limits.Reads),
            (_signIn, "FOREMAN_SIGN_IN_LIMIT", limits.SignIn),
            (_anonymous, "FOREMAN_ANONYMOUS_LIMIT", limits.Anonymous),
        })
        {
            if (PerMinute(parse.GetValue(option), environment.GetVariable(variable), option.Name, out var error) is { } perMinute)
            {
                budget.PermitLimit = perMinute;
                budget.Window = TimeSpan.FromMinutes(1);
            }
            else if (error is not null)
            {
                return error;
            }
        }

        var proxies = parse.GetValue(_proxies) is { Length: > 0 } given ? given
            : (environment.GetVariable("FOREMAN_TRUSTED_PROXIES") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var proxy in proxies)
        {
            options.TrustedProxies.Add(proxy);
        }

        var invalid = Foreman.Server.Http.TrustedProxies.Invalid(proxies);
        return invalid.Count > 0 ? $"--trusted-proxy must be an IP address or a network like 10.0.0.0/8, not '{string.Join("', '", invalid)}'." : null;
    }

    private static int? PerMinute(int? given, string? variable, string name, out string? error)
    {
        error = null;
        if (given is null && string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        var value = given ?? (int.TryParse(variable, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0);
        if (value is >= 1 and <= 1_000_000)
        {
            return value;
        }

        error = $"{name} must be a whole number of requests per minute between 1 and 1000000.";
        return null;
    }
}
