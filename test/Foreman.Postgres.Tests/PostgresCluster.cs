using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Foreman.Postgres.Tests;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for the test run: <c>initdb</c> into a temporary folder, <c>pg_ctl</c> on a free
/// loopback port with its socket in that folder, stopped and deleted on dispose. Run as the <c>postgres</c> user when
/// the tests run as root (the server refuses root). Default durability settings (fsync, synchronous_commit=on).
/// </summary>
/// <remarks>
/// The binaries come from <c>FOREMAN_PG_BIN</c> or <c>/usr/lib/postgresql/15/bin</c> (Debian's <c>postgresql</c>
/// package, which <c>eng/prerequisites.sh</c> installs when it is missing).
/// </remarks>
public sealed class PostgresCluster : IAsyncLifetime
{
    private static readonly bool IsRoot = Environment.UserName == "root";
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-pg-").FullName;
    private int _nextSchema;

    /// <summary>Gets the folder of the binaries.</summary>
    public static string BinFolder => Environment.GetEnvironmentVariable("FOREMAN_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>Gets the TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Gets a connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=60;Maximum Pool Size=40";

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A schema name no other test uses, so tests share the cluster without seeing each other's runs.</summary>
    /// <returns>The name.</returns>
    public string NewSchema() => string.Create(CultureInfo.InvariantCulture, $"t{Environment.ProcessId}_{Interlocked.Increment(ref _nextSchema)}");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinFolder}/initdb is missing). Run ./test.sh, which installs the Debian package postgresql, or set FOREMAN_PG_BIN.");
        }

        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _folder]);
        }

        await RunAsPostgresAsync("initdb", ["-D", DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Stops the server (fast shutdown: sessions are disconnected) and starts it again on the same port.</summary>
    /// <returns>A task.</returns>
    public async Task RestartAsync()
    {
        await RunAsPostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);
        await StartAsync();

        // The tests' own plain connections share Npgsql's global pool; its idle connections died with the server.
        // (The stores' pools recover by themselves: that is what the restart test checks.)
        NpgsqlConnection.ClearAllPools();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsPostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task StartAsync() => RunAsPostgresAsync("pg_ctl",
    [
        "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB",
    ]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, tool), .. arguments])
            : RunAsync(Path.Combine(BinFolder, tool), arguments);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
