using System.Net;

namespace Foreman.Cli.Serve;

/// <summary>Checks the address the server will listen on.</summary>
internal static class BindAddress
{
    /// <summary>Parses <paramref name="url"/>; true when it is an http(s) URL.</summary>
    public static bool TryParse(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Whether only this machine can reach the address.</summary>
    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
