namespace Foreman.Cli;

/// <summary>What a command may touch of the outside world: output streams, environment variables and the working folder.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="WorkingDirectory">Where relative paths and foreman.json are looked up.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, Func<string, string?> GetVariable, string WorkingDirectory)
{
    /// <summary>Resolves a path against the working folder.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
