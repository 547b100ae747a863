using Foreman.Alerts;
using Foreman.Server.Alerts;
using Foreman.Server.Auth;
using Foreman.Server.RateLimiting;
using Foreman.Server.Workflows;
using Foreman.Tracing;
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

    /// <summary>
    /// Gets or sets how long a dashboard session lasts without being used; each use extends it (sliding expiry), up to
    /// <see cref="SessionMaxLifetime"/>. The default value is 8 hours.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Gets or sets the longest a dashboard session lasts however much it is used. The default value is 24 hours.</summary>
    public TimeSpan SessionMaxLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets where dashboard sessions are kept: <see cref="SqliteSessionStore"/> or <see cref="PostgresSessionStore"/>
    /// (initialized) to survive restarts and be shared by server nodes on one database; <see langword="null"/> keeps them
    /// in this process's memory. The default value is <see langword="null"/>.
    /// </summary>
    public ISessionStore? SessionStore { get; set; }

    /// <summary>Gets or sets how often expired sessions are deleted from <see cref="SessionStore"/>. The default value is 10 minutes.</summary>
    public TimeSpan SessionPruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the request rate limits: per API key for reads and writes, per client address without a key. On by default.</summary>
    public ForemanRateLimitOptions RateLimits { get; } = new();

    /// <summary>
    /// Gets the reverse proxies (addresses such as <c>10.0.0.5</c> or networks such as <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers are believed. Empty (the default): the client address
    /// is the TCP peer, and only a loopback proxy's <c>X-Forwarded-Proto</c> is honoured.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Gets or sets the in-process worker's options; <see langword="null"/> runs no worker (API only). The default value is a worker with 16 concurrent runs.</summary>
    public WorkflowWorkerOptions? Worker { get; set; } = new();

    /// <summary>Gets or sets the clock. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the descriptions (and example inputs) of the workflows, shown by <c>GET /api/workflows</c> and the dashboard.</summary>
    public IList<WorkflowDescription> WorkflowDescriptions { get; } = [];

    /// <summary>Gets extra alert sources (rule engines); the server's own operational alerts are always included.</summary>
    public IList<IAlertSource> AlertSources { get; } = [];

    /// <summary>
    /// Gets or sets the trace store. With one, the server records every span of the <c>Foreman</c> source into it,
    /// run traces show the recorded spans, and <c>GET /api/costs</c> reports cost in four dimensions. The default value
    /// is <see langword="null"/> (traces are rebuilt from the journal; no cost report).
    /// </summary>
    public ITraceStore? TraceStore { get; set; }

    /// <summary>Gets or sets the alert store. With one, the server evaluates the alert rules every <see cref="AlertInterval"/> and lists what fires. The default value is <see langword="null"/>.</summary>
    public IAlertStore? AlertStore { get; set; }

    /// <summary>
    /// Gets or sets the quality monitor, or <see langword="null"/>. When set, the cost report includes the estimated
    /// undetected errors, the accuracy-drift and threshold alerts are evaluated, and human verdicts in the review
    /// queue are collected before each alert evaluation.
    /// </summary>
    public Foreman.Quality.QualityMonitor? QualityMonitor { get; set; }

    /// <summary>Gets the alert rules' thresholds and windows.</summary>
    public AlertRuleOptions AlertRules { get; } = new();

    /// <summary>Gets where new alerts are sent besides the store (a webhook).</summary>
    public IList<IAlertSink> AlertSinks { get; } = [];

    /// <summary>Gets or sets how often the alert rules are evaluated. The default value is 30 seconds.</summary>
    public TimeSpan AlertInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the currency cost reports are written in. The default value is <c>EUR</c>.</summary>
    public string CostCurrency { get; set; } = "EUR";

    /// <summary>Gets or sets the OTLP endpoint traces and metrics are exported to; <see langword="null"/> exports nothing. The default value is <see langword="null"/>.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Gets or sets a value indicating whether OTLP uses gRPC instead of HTTP/protobuf. The default value is <see langword="false"/>.</summary>
    public bool OtlpGrpc { get; set; }

    /// <summary>Gets or sets how the server logs; <see langword="null"/> logs warnings and errors to the console.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
