using Microsoft.Extensions.Logging;

namespace Foreman.Cli.Workflows;

/// <summary>
/// Writes the engine's warnings and errors to standard error, one line each, so a worker's store hiccups and
/// failed lease renewals are visible without a logging framework.
/// </summary>
internal sealed class TextWriterLoggerFactory(TextWriter writer, Lock gate, TimeProvider time) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(writer, gate, time, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // Fixed destination: providers are not supported.
    }

    public void Dispose()
    {
        // Nothing to release: the writer belongs to the caller.
    }
}
