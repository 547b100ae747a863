using System.CommandLine;
using Foreman.Agents;
using Foreman.Alerts;
using Foreman.Cli.Commands;
using Foreman.Cli.Workflows;
using Foreman.Quality;
using Foreman.Samples.Invoices;
using Foreman.Samples.Workflows;
using Foreman.Server;
using Foreman.Server.Auth;
using Foreman.Server.Workflows;
using Foreman.Testing;
using Foreman.Workflows;

namespace Foreman.Cli.Serve;

/// <summary>
/// <c>foreman serve</c>: the HTTP API, the dashboard and a worker in one process, on ./foreman.db with the sample
/// workflows. On first start it creates an admin key (printed once) and seeds sample runs.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var urlOption = new Option<string>("--url") { Description = $"Where to listen (default: {DefaultUrl}, this machine only).", DefaultValueFactory = _ => DefaultUrl };
        var configOption = new Option<string?>("--config") { Description = "A foreman.json with the model endpoint (default: ./foreman.json if present; the simulated model otherwise)." };
        var concurrencyOption = new Option<int>("--concurrency", "-c") { Description = "How many runs the worker executes at once (default: 16).", DefaultValueFactory = _ => 16 };
        var noSeedOption = new Option<bool>("--no-seed") { Description = "Do not submit the sample runs on first start." };
        var otlpOption = new Option<string?>("--otlp-endpoint") { Description = "Export traces and metrics over OTLP/HTTP to this endpoint (default: $OTEL_EXPORTER_OTLP_ENDPOINT; none when unset)." };
        var webhookOption = new Option<string?>("--alert-webhook") { Description = "POST new alerts to this URL as JSON (default: $FOREMAN_ALERT_WEBHOOK; none when unset)." };
        var limits = new ServeLimits();
        var serve = new Command("serve", "Run the Foreman server: HTTP API, dashboard and worker in one process, until Ctrl+C.")
        {
            urlOption, configOption, concurrencyOption, noSeedOption, otlpOption, webhookOption,
        };

        db.AddTo(serve);
        limits.AddTo(serve);

        serve.SetAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(urlOption)!;
            if (!BindAddress.TryParse(url, out var uri))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"--url must be an http:// or https:// URL, like {DefaultUrl}.");
            }

            var target = db.Resolve(parse, environment);
            if (target.Error is { } targetError)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, targetError);
            }

            var concurrency = parse.GetValue(concurrencyOption);
            if (concurrency < 1)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "--concurrency must be positive.");
            }

            Uri? otlp = null;
            var otlpText = parse.GetValue(otlpOption) ?? environment.GetVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
            if (!string.IsNullOrWhiteSpace(otlpText) && (!Uri.TryCreate(otlpText, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.ConfigurationError, $"the OTLP endpoint '{otlpText}' is not an http(s) URL.");
            }

            Uri? webhook = null;
            var webhookText = parse.GetValue(webhookOption) ?? environment.GetVariable("FOREMAN_ALERT_WEBHOOK");
            if (!string.IsNullOrWhiteSpace(webhookText) && (!Uri.TryCreate(webhookText, UriKind.Absolute, out webhook) || webhook.Scheme is not ("http" or "https")))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.ConfigurationError, $"the alert webhook '{webhookText}' is not an http(s) URL.");
            }

            var (setup, errors) = ModelSetup.Create(environment, parse.GetValue(configOption), new Foreman.Samples.Pipelines.SampleSimulation());
            if (setup is null)
            {
                return await CommandFailure.ReportInvalidModelConfigurationAsync(environment, errors);
            }

            await using var stores = await ServeStores.OpenAsync(target, cancellationToken);
            using var runtime = new AgentRuntime(setup.Router);
            // Samples a share of the monitored pipeline's outputs for people to verify in the review queue ("quality").
            var quality = stores.Quality is { } qualityStore ? new QualityMonitor(qualityStore, new QualityOptions { Traces = stores.Traces, Reviews = stores.Reviews }) : null;
            var workflows = SampleWorkflows.Create(runtime, new InMemoryInvoiceLedger(), stores.Reviews, quality);
            var options = new ForemanServerOptions
            {
                Url = url,
                Worker = new WorkflowWorkerOptions { MaxConcurrentRuns = concurrency },
                OtlpEndpoint = otlp,
                TraceStore = stores.Traces,
                AlertStore = stores.Alerts,
                QualityMonitor = quality,
                SessionStore = stores.Sessions,
            };
            if (limits.Apply(parse, environment, options) is { } limitError)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, limitError);
            }

            using var webhookClient = new HttpClient();
            if (webhook is not null)
            {
                options.AlertSinks.Add(new WebhookAlertSink(webhookClient, new WebhookAlertSinkOptions { Url = webhook }));
            }

            foreach (var sample in SampleWorkflows.All)
            {
                options.WorkflowDescriptions.Add(new WorkflowDescription(sample.Name, sample.Description, sample.ExampleInput));
            }

            if (!BindAddress.IsLoopback(uri))
            {
                await WarnExposedAsync(environment.Error, uri);
            }

            ForemanServerHost host;
            try
            {
                host = await ForemanServerHost.StartAsync(stores.Workflows, stores.Reviews, stores.Keys, workflows, options, cancellationToken);
            }
            catch (IOException ex)
            {
                // Typically the port is taken (another server, or a previous one still running).
                return await CommandFailure.ReportAsync(environment, ExitCodes.ConfigurationError, $"cannot listen on {url}: {ex.Message}");
            }

            await using var running = host;

            // Only once the server listens: a key created by a start that then failed would never have been shown.
            var bootstrapKey = await BootstrapAdminKeyAsync(stores.Keys, cancellationToken);
            var seeded = parse.GetValue(noSeedOption) ? 0 : await ServeSeeds.SubmitAsync(host.Engine, cancellationToken);
            await PrintBannerAsync(environment.Out, host.Address, stores.Description, setup.Description, bootstrapKey, seeded, otlp);
            await host.WaitForShutdownAsync(cancellationToken);
            await environment.Out.WriteLineAsync("Server stopped.");
            return ExitCodes.Success;
        });
        return serve;
    }

    /// <summary>On a store without an active key nobody could sign in: create an admin key and show it once.</summary>
    private static async Task<string?> BootstrapAdminKeyAsync(IApiKeyStore keys, CancellationToken cancellationToken)
    {
        if ((await keys.ListAsync(cancellationToken)).Any(k => k.IsActive))
        {
            return null;
        }

        var created = await keys.CreateAsync("bootstrap-admin", Role.Admin, TimeProvider.System.GetUtcNow(), cancellationToken);
        return created.Secret;
    }

    private static async Task WarnExposedAsync(TextWriter error, Uri uri)
    {
        await error.WriteLineAsync("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        await error.WriteLineAsync($"WARNING: listening on {uri.Host}, which other machines can reach.");
        await error.WriteLineAsync("  Anyone who can reach it can try keys. Put it behind TLS (https:// or a TLS proxy):");
        await error.WriteLineAsync("  over plain http, API keys and session cookies cross the network readable.");
        await error.WriteLineAsync("  Use --url http://127.0.0.1:5080 to keep it on this machine.");
        await error.WriteLineAsync("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    }

    private static async Task PrintBannerAsync(TextWriter output, Uri address, string store, string model, string? bootstrapKey, int seeded, Uri? otlp)
    {
        await output.WriteLineAsync($"Foreman server on {address}");
        await output.WriteLineAsync($"  store: {store}; model: {model}");
        if (otlp is not null)
        {
            await output.WriteLineAsync($"  exporting traces and metrics over OTLP to {otlp.GetLeftPart(UriPartial.Path)}");
        }

        if (bootstrapKey is not null)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("  First start: created an admin API key. It is shown only now and stored only as a hash:");
            await output.WriteLineAsync();
            await output.WriteLineAsync($"      {bootstrapKey}");
            await output.WriteLineAsync();
            await output.WriteLineAsync("  Keep it somewhere safe. Lost it? foreman keys create --role admin");
        }

        if (seeded > 0)
        {
            await output.WriteLineAsync($"  Seeded {seeded} sample runs: invoices (one waits for approval), refunds waiting in the review queue, and 4 documents of each sample pipeline (invoice processing, import documents, ticket triage).");
        }

        await output.WriteLineAsync($"  Open {address} in a browser and sign in with an API key. API: {address}api/openapi/v1.json");
        await output.WriteLineAsync("  More keys: foreman keys create --role reviewer --name dana.  Ctrl+C stops the server.");
    }
}
