using System.Diagnostics;
using System.Text;

namespace Foreman.CrashTests;

/// <summary>One incarnation of the crash host: started with <c>dotnet Foreman.CrashHost.dll</c>, killed with SIGKILL.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private HostProcess(Process process) => _process = process;

    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompleted;

    public bool HasExited => _process.HasExited;

    /// <summary>Gets the process id (for signals such as SIGSTOP and SIGCONT).</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The host's dll, built and copied next to the test assembly through the project reference.</summary>
    public static string HostPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Foreman.CrashHost.dll");
            if (!File.Exists(path) || !File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
            {
                throw new InvalidOperationException($"The crash host is not next to the tests ({path}); build test/Foreman.CrashTests, which references it.");
            }

            return path;
        }
    }

    public static HostProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => host.Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL on Linux and macOS: no handler runs, nothing is flushed, the store is not disposed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
