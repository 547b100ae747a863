using Foreman.Cli;

namespace Foreman.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a controlled environment.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, name => variables?.GetValueOrDefault(name), workingDirectory ?? Path.GetTempPath());
        var code = await CliApp.RunAsync(args, environment, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
