using Foreman.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Foreman.Server.Telemetry;

/// <summary>
/// Exports Foreman's traces (agent, model and tool spans, plus the server's HTTP spans) and metrics over OTLP when
/// an endpoint is configured. The providers are built by hand (the hosting extension package is not used) and
/// disposed with the server, which flushes what is buffered.
/// </summary>
internal sealed class OtlpExport : IDisposable
{
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public OtlpExport(Uri endpoint, OtlpExportProtocol protocol, TimeSpan metricInterval, string serviceName)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(ForemanTelemetry.SourceName, "Microsoft.AspNetCore")
            .AddOtlpExporter(o =>
            {
                Configure(o, endpoint, protocol, "v1/traces");

                // Spans leave within a second or two rather than the default five.
                o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = 1000;
            })
            .Build()!;
        _meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(ForemanTelemetry.SourceName, RateLimiting.RateLimitLedger.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, endpoint, protocol, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)metricInterval.TotalMilliseconds;
            })
            .Build()!;
    }

    /// <summary>Reads the standard OpenTelemetry variables: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.</summary>
    public static (Uri? Endpoint, OtlpExportProtocol Protocol) FromEnvironment(Func<string, string?> variable)
    {
        var text = variable("OTEL_EXPORTER_OTLP_ENDPOINT");
        var protocol = string.Equals(variable("OTEL_EXPORTER_OTLP_PROTOCOL"), "grpc", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        return (Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null, protocol);
    }

    public void Dispose()
    {
        _tracer.ForceFlush(2000);
        _meter.ForceFlush(2000);
        _tracer.Dispose();
        _meter.Dispose();
    }

    private static void Configure(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;

        // With OTLP/HTTP each signal has its own path under the base endpoint (as OTEL_EXPORTER_OTLP_ENDPOINT means it).
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath) : endpoint;
    }
}
