using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Foreman.Tracing;

/// <summary>Options of a <see cref="TraceRecorder"/>; copied when it starts.</summary>
public sealed class TraceRecorderOptions
{
    /// <summary>Gets or sets the store spans are written to. Required.</summary>
    public ITraceStore? Store { get; set; }

    /// <summary>Gets or sets the clock that stamps spans, so traces line up with runs, reviews and samples. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the <see cref="ActivitySource"/> names recorded. The default holds <c>Foreman</c>; add your own sources to see their spans in runs' traces.</summary>
    public IList<string> Sources { get; } = [Telemetry.ForemanTelemetry.SourceName];

    /// <summary>Gets or sets a filter: only spans it accepts are recorded, or <see langword="null"/> for all.</summary>
    public Func<Activity, bool>? Filter { get; set; }

    /// <summary>Gets or sets how many spans are written at once at most. The default value is 512.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// Gets or sets how many finished spans may wait for the store. Beyond it new spans are dropped (and counted)
    /// rather than slowing runs down. The default value is 50,000.
    /// </summary>
    public int Capacity { get; set; } = 50_000;

    /// <summary>Gets or sets the logger factory, or <see langword="null"/> for none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
