using Foreman.Alerts;
using Foreman.Costs;
using Foreman.Reviews;
using Foreman.Server.Alerts;
using Foreman.Server.Auth;
using Foreman.Server.Dashboard;
using Foreman.Server.DeadLetters;
using Foreman.Server.Events;
using Foreman.Server.Health;
using Foreman.Server.Http;
using Foreman.Server.Metrics;
using Foreman.Server.Observability;
using Foreman.Server.RateLimiting;
using Foreman.Server.Reviews;
using Foreman.Server.Runs;
using Foreman.Server.Telemetry;
using Foreman.Server.Workers;
using Foreman.Server.Workflows;
using Foreman.Tracing;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Foreman.Server;

/// <summary>Composes the server: services, middleware order, and every feature's endpoints.</summary>
internal static class ForemanServerApp
{
    public static WebApplication Build(IWorkflowStore store, IReviewStore reviews, IApiKeyStore keys, IEnumerable<IWorkflow> workflows, ForemanServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(keys);
        var workflowList = workflows?.ToList() ?? throw new ArgumentNullException(nameof(workflows));
        var time = options.TimeProvider;
        if (TrustedProxies.Invalid(options.TrustedProxies) is { Count: > 0 } badProxies)
        {
            throw new ArgumentException($"Trusted proxies must be IP addresses or networks in CIDR notation (10.0.0.0/8): {string.Join(", ", badProxies)}.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Foreman.Server", ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Logging.ClearProviders();
        if (options.ConfigureLogging is { } configureLogging)
        {
            configureLogging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Fill);

        // Nothing here encrypts data at rest (sessions are server-side); keep the framework from writing key files to the home folder.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Foreman API";
                document.Info.Description = "Submit and watch durable agent runs, work the review queue, operate dead letters, alerts and metrics. Authenticate with 'Authorization: Bearer fm_…' (see docs/server.md for the role each route needs).";
                return Task.CompletedTask;
            });
            if (options.RateLimits.Enabled)
            {
                o.AddTooManyRequests();
            }
        });

        services.AddSingleton(time);
        services.AddSingleton(store);
        services.AddSingleton(reviews);
        services.AddSingleton(keys);
        services.AddSingleton(sp => new WorkflowEngine(store, workflowList, new WorkflowEngineOptions { TimeProvider = time, LoggerFactory = sp.GetRequiredService<ILoggerFactory>() }));
        services.AddSingleton(sp => new ReviewService(reviews, sp.GetRequiredService<WorkflowEngine>(), time));
        services.AddSingleton(new WorkflowCatalog(workflowList, options.WorkflowDescriptions));
        AddSessions(services, options, time);
        services.AddSingleton(new RequestLog(time));
        services.AddSingleton<ForemanMeterListener>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<MetricsSampler>(sp, options.MetricsInterval));
        services.AddHostedService(sp => sp.GetRequiredService<MetricsSampler>());
        services.AddSingleton<IAlertSource, OperationalAlerts>();
        services.AddForemanRateLimiting(options.RateLimits);
        foreach (var source in options.AlertSources)
        {
            services.AddSingleton(source);
        }

        if (options.Worker is { } workerOptions)
        {
            services.AddSingleton(sp => new WorkflowWorker(sp.GetRequiredService<WorkflowEngine>(), workerOptions));
            services.AddHostedService<WorkerHostedService>();
        }

        AddObservability(services, options, reviews, time);
        if (options.OtlpEndpoint is { } otlp)
        {
            // Created by the container (not passed in) so that the container disposes it, which flushes the exporters.
            services.AddSingleton(_ => new OtlpExport(otlp, options.OtlpGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, options.MetricsInterval, "foreman-server"));
        }

        services.AddAuthentication(ForemanAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ForemanAuthenticationHandler>(ForemanAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(auth =>
        {
            foreach (var role in Roles.All)
            {
                auth.AddPolicy(Roles.Name(role), policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Name(role)));
            }

            // Fail closed: a route nobody declared a role for needs at least a valid key.
            auth.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        var app = builder.Build();
        if (options.OtlpEndpoint is not null)
        {
            _ = app.Services.GetRequiredService<OtlpExport>();
        }

        // Behind a TLS-terminating proxy on this machine, honour its X-Forwarded-Proto so the session cookie is Secure.
        // Only loopback proxies are trusted unless TrustedProxies names others (then X-Forwarded-For from them too).
        app.UseForwardedHeaders(TrustedProxies.ToOptions(options.TrustedProxies));
        // Timing is outermost so it sees the final status, including a 500 the exception middleware writes.
        app.UseMiddleware<RequestTimingMiddleware>();
        app.UseMiddleware<ProblemExceptionMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        // After authentication (budgets are per key), before anything that does work or changes state.
        app.UseForemanRateLimiting(options.RateLimits);
        app.UseMiddleware<CsrfMiddleware>();
        app.UseAuthorization();
        MapEndpoints(app);
        return app;
    }

    /// <summary>Maps every route. Each one declares its role (or that it is public); tests check that none is left out.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
        HealthEndpoints.Map(routes);
        DashboardEndpoints.Map(routes);
        AuthEndpoints.Map(routes);
        KeyEndpoints.Map(routes);
        WorkflowEndpoints.Map(routes);
        RunEndpoints.Map(routes);
        EventEndpoints.Map(routes);
        ReviewEndpoints.Map(routes);
        DeadLetterEndpoints.Map(routes);
        AlertEndpoints.Map(routes);
        MetricsEndpoints.Map(routes);
        CostEndpoints.Map(routes);
        QualityEndpoints.Map(routes);
        TraceQueryEndpoints.Map(routes);
    }

    /// <summary>Dashboard sessions: in the given durable store (pruned in the background), or in memory.</summary>
    private static void AddSessions(IServiceCollection services, ForemanServerOptions options, TimeProvider time)
    {
        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionMaxLifetime < options.SessionLifetime || options.SessionPruneInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SessionLifetime and SessionPruneInterval must be positive, and SessionMaxLifetime at least as long as SessionLifetime.", nameof(options));
        }

        var store = options.SessionStore ?? new InMemorySessionStore();
        var pruneInterval = options.SessionPruneInterval;
        services.AddSingleton(store);
        services.AddSingleton(new DashboardSessions(store, time, options.SessionLifetime, options.SessionMaxLifetime));
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<SessionPruningService>(sp, pruneInterval));
    }

    /// <summary>The trace recorder, cost report and alert rules, when their stores are given.</summary>
    private static void AddObservability(IServiceCollection services, ForemanServerOptions options, IReviewStore reviews, TimeProvider time)
    {
        if (options.QualityMonitor is { } monitor)
        {
            services.AddSingleton(monitor);
        }

        if (options.TraceStore is { } traces)
        {
            services.AddSingleton(traces);
            services.AddSingleton(new TraceQueryService(traces, time));
            services.AddSingleton(new CostReportService(traces, reviews, options.QualityMonitor, options.CostCurrency, time));
            services.AddSingleton<TraceRecorderService>();
            services.AddHostedService(sp => sp.GetRequiredService<TraceRecorderService>());
        }

        if (options.AlertStore is { } alertStore)
        {
            var rules = AlertRules.Create(options.AlertRules, options.TraceStore, reviews, options.QualityMonitor);
            var sinks = options.AlertSinks.ToList();
            services.AddSingleton(alertStore);
            services.AddSingleton(sp => new AlertService(alertStore, rules, sinks, time, sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<IAlertSource>(new StoredAlerts(alertStore));
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AlertEvaluationService>(sp, options.AlertInterval, new QualityVerdictSync(options.QualityMonitor)));
        }
    }
}
