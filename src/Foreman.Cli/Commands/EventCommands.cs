using System.CommandLine;
using Foreman.Cli.Workflows;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman events send</c>: deliver an external event (a human decision, a webhook) to a run.</summary>
internal static class EventCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var events = new Command("events", "Deliver external events to runs.");
        db.AddTo(events);
        events.Subcommands.Add(CreateSend(environment, db));
        return events;
    }

    private static Command CreateSend(CliEnvironment environment, StoreSelection db)
    {
        var runArgument = new Argument<string>("run-id") { Description = "The run." };
        var nameArgument = new Argument<string>("event-name") { Description = "The event the workflow waits for (for example 'approval')." };
        var payloadOption = new Option<string?>("--payload", "-p") { Description = "The payload as JSON (default: null)." };
        var payloadFileOption = new Option<string?>("--payload-file") { Description = "A file with the payload as JSON." };
        var dedupeOption = new Option<string?>("--dedupe") { Description = "A key that makes sending the same event again harmless." };
        var send = new Command("send", "Deliver an event to a run; a run waiting for it becomes pending and a worker resumes it.")
        {
            runArgument, nameArgument, payloadOption, payloadFileOption, dedupeOption,
        };
        send.SetAction(async (parse, cancellationToken) =>
        {
            var (payload, payloadError) = await JsonArgument.ReadAsync(environment, parse.GetValue(payloadOption), parse.GetValue(payloadFileOption), "null", cancellationToken);
            if (payloadError is not null)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"--payload: {payloadError}");
            }

            return await WorkflowStores.UseExistingAsync(environment, db.Resolve(parse, environment), async store =>
            {
                var runId = parse.GetRequiredValue(runArgument);
                var name = parse.GetRequiredValue(nameArgument);
                var status = await new WorkflowEngine(store, []).DeliverEventAsync(runId, name, payload, parse.GetValue(dedupeOption), cancellationToken);
                switch (status)
                {
                    case DeliveryStatus.Delivered:
                        var run = await store.GetRunAsync(runId, cancellationToken);
                        var next = run?.Status == RunStatus.Pending ? "the run is pending and the next worker to poll resumes it" : "the run takes it when it next waits for it";
                        await environment.Out.WriteLineAsync($"Delivered '{name}' to {runId}: {next}.");
                        return ExitCodes.Success;
                    case DeliveryStatus.Duplicate:
                        await environment.Out.WriteLineAsync($"'{name}' with this dedupe key was delivered to {runId} before; nothing changed.");
                        return ExitCodes.Success;
                    case DeliveryStatus.RunFinished:
                        return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"run '{runId}' has finished; the event was not delivered.");
                    default:
                        return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"no run '{runId}'.");
                }
            }, cancellationToken);
        });
        return send;
    }
}
