using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Foreman.Telemetry;

/// <summary>
/// The names under which Foreman publishes traces and metrics. Subscribe with an OpenTelemetry SDK (or an
/// <see cref="ActivityListener"/>/<see cref="MeterListener"/>) to <see cref="SourceName"/>.
/// </summary>
public static class ForemanTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string SourceName = "Foreman";

    internal static readonly ActivitySource Source = new(SourceName, typeof(ForemanTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(SourceName, typeof(ForemanTelemetry).Assembly.GetName().Version?.ToString());
}
