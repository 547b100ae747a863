using Microsoft.Extensions.Logging;

namespace Foreman.Cli.Workflows;

/// <summary>One category of <see cref="TextWriterLoggerFactory"/>.</summary>
internal sealed class TextWriterLogger(TextWriter writer, Lock gate, TimeProvider time, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"{time.GetUtcNow():HH:mm:ss} {logLevel.ToString().ToLowerInvariant()} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? string.Empty : $": {exception.GetType().Name}: {exception.Message}")}";
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }
}
