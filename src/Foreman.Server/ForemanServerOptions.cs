using Foreman.Server.Alerts;
using Foreman.Server.Workflows;
using Foreman.Workflows;
using Microsoft.Extensions.Logging;

namespace Foreman.Server;

/// <summary>Options of the Foreman server. Plain settings with documented defaults; copied when the server starts.</summary>
public sealed class ForemanServerOptions
{
    /// <summary>Gets or sets the address to listen on. The default value is <c>http://127.0.0.1:5080</c> (this machine only); port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Gets or sets the largest request body accepted; larger ones get 413. The default value is 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how often health figures are sampled and pushed to dashboards. The default value is 2 seconds.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long a dashboard session lasts. The default value is 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Gets or sets the in-process worker's options; <see langword="null"/> runs no worker (API only). The default value is a worker with 16 concurrent runs.</summary>
    public WorkflowWorkerOptions? Worker { get; set; } = new();

    /// <summary>Gets or sets the clock. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the descriptions (and example inputs) of the workflows, shown by <c>GET /api/workflows</c> and the dashboard.</summary>
    public IList<WorkflowDescription> WorkflowDescriptions { get; } = [];

    /// <summary>Gets extra alert sources (rule engines); the server's own operational alerts are always included.</summary>
    public IList<IAlertSource> AlertSources { get; } = [];

    /// <summary>Gets or sets the OTLP endpoint traces and metrics are exported to; <see langword="null"/> exports nothing. The default value is <see langword="null"/>.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Gets or sets a value indicating whether OTLP uses gRPC instead of HTTP/protobuf. The default value is <see langword="false"/>.</summary>
    public bool OtlpGrpc { get; set; }

    /// <summary>Gets or sets how the server logs; <see langword="null"/> logs warnings and errors to the console.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
