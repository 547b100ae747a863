namespace Foreman.Cli.Commands;

/// <summary>How a command reports that it could not do what was asked: one line on standard error and an exit code.</summary>
internal static class CommandFailure
{
    public static async Task<int> ReportAsync(CliEnvironment environment, int exitCode, string message)
    {
        await environment.Error.WriteLineAsync($"error: {message}");
        return exitCode;
    }

    /// <summary>Reports why the model configuration cannot be used, one problem a line.</summary>
    /// <returns><see cref="ExitCodes.ConfigurationError"/>.</returns>
    public static async Task<int> ReportInvalidModelConfigurationAsync(CliEnvironment environment, IEnumerable<string> errors)
    {
        await environment.Error.WriteLineAsync("error: the model configuration is invalid:");
        foreach (var error in errors)
        {
            await environment.Error.WriteLineAsync($"  - {error}");
        }

        return ExitCodes.ConfigurationError;
    }
}
