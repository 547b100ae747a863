using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Foreman.Postgres.Tests;

/// <summary>What the tests that start <c>foreman serve</c> on PostgreSQL share: a free port, the key it prints, waiting until it listens.</summary>
internal static partial class ServeProcess
{
    /// <summary>Waits until the server answers <c>/healthz</c>; fails at once if <paramref name="serve"/> ended, or after 60 s.</summary>
    public static async Task WaitUntilListeningAsync(HttpClient client, Task<(int ExitCode, string Out, string Error)> serve)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (serve.IsCompleted)
            {
                var (code, output, error) = await serve;
                throw new InvalidOperationException($"serve ended with {code}: {output} {error}");
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Matches an API key as <c>foreman keys create</c> prints it.</summary>
    [GeneratedRegex(@"fm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    public static partial Regex KeyText();
}
