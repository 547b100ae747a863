using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Foreman.Server.Http;

/// <summary>
/// Which forwarded headers the server believes. Without trusted proxies (the default) only a loopback proxy's
/// <c>X-Forwarded-Proto</c> is honoured, as before, and the client address is the TCP peer. With trusted proxies,
/// <c>X-Forwarded-For</c> is honoured too, but only from those addresses or networks, walking the header from the
/// right and stopping at the first hop that is not trusted, so a client cannot claim another address by sending the
/// header itself. Rate limits per address depend on this: behind a proxy every client would otherwise share the
/// proxy's address.
/// </summary>
public static class TrustedProxies
{
    /// <summary>The forwarded-headers settings for a list of trusted proxies (entries that do not parse are skipped; see <see cref="Invalid"/>).</summary>
    /// <param name="proxies">Addresses and CIDR networks.</param>
    /// <returns>The middleware's options.</returns>
    public static ForwardedHeadersOptions ToOptions(IEnumerable<string> proxies)
    {
        var entries = proxies?.ToList() ?? throw new ArgumentNullException(nameof(proxies));
        if (entries.Count == 0)
        {
            // The middleware's defaults trust loopback proxies only.
            return new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto };
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = null };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network) && entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
        }

        return options;
    }

    /// <summary>The entries that are neither an address nor a network in CIDR notation.</summary>
    /// <param name="proxies">Addresses and CIDR networks.</param>
    /// <returns>The entries that do not parse.</returns>
    public static IReadOnlyList<string> Invalid(IEnumerable<string> proxies) =>
        [.. proxies.Where(p => !(p.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(p, out _) : IPAddress.TryParse(p, out _)))];
}
