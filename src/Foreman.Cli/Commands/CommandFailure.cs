namespace Foreman.Cli.Commands;

/// <summary>How a command reports that it could not do what was asked: one line on standard error and an exit code.</summary>
internal static class CommandFailure
{
    public static async Task<int> ReportAsync(CliEnvironment environment, int exitCode, string message)
    {
        await environment.Error.WriteLineAsync($"error: {message}");
        return exitCode;
    }
}
