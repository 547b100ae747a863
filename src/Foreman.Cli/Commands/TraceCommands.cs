using System.CommandLine;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Tracing;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman traces query|show|prune</c>: the structured trace of every run.</summary>
internal static class TraceCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var traces = new Command("traces", "Query run traces, show one run's trace as a tree, prune old traces.");
        db.AddTo(traces);
        traces.Subcommands.Add(CreateQuery(environment, db));
        traces.Subcommands.Add(CreateShow(environment, db));
        traces.Subcommands.Add(CreatePrune(environment, db));
        return traces;
    }

    private static Command CreateQuery(CliEnvironment environment, StoreSelection db)
    {
        var queryArgument = new Argument<string[]>("query")
        {
            Description = "Clauses joined by 'and', e.g. \"retries > 3 and since 1h\", \"confidence < 0.7 and correct = true\". Fields: "
                + string.Join(", ", TraceQueryParser.FieldNames) + "; clauses since DURATION, limit N.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var query = new Command("query", "Runs whose trace matches, newest first.") { queryArgument, jsonOption };
        query.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            var text = string.Join(' ', parse.GetValue(queryArgument) ?? []);
            var result = await new TraceQueryService(stores.Traces).QueryAsync(text, cancellationToken);
            if (!result.IsValid)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, result.Error!);
            }

            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ObservabilityJson.Serialize(result.Runs) : TraceRenderer.RunsText(result.Runs));
            return ExitCodes.Success;
        }, cancellationToken));
        return query;
    }

    private static Command CreateShow(CliEnvironment environment, StoreSelection db)
    {
        var runArgument = new Argument<string>("run") { Description = "The run id." };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var show = new Command("show", "One run's trace: run → agents → model and tool calls, with tokens, cost, confidence and validation.") { runArgument, jsonOption };
        show.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            var runId = parse.GetRequiredValue(runArgument);
            if (await new TraceQueryService(stores.Traces).GetTraceAsync(runId, cancellationToken) is not { } trace)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"no trace for run '{runId}' (traces are recorded by a worker with tracing on, and kept for the retention period).");
            }

            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ObservabilityJson.Serialize(trace) : TraceRenderer.TraceText(trace));
            return ExitCodes.Success;
        }, cancellationToken));
        return show;
    }

    private static Command CreatePrune(CliEnvironment environment, StoreSelection db)
    {
        var olderOption = new Option<string>("--older-than") { Description = "Delete traces of runs that ended longer ago than this (e.g. 30d).", DefaultValueFactory = _ => "30d" };
        var prune = new Command("prune", "Delete old traces (workers also prune as they write, by their retention).") { olderOption };
        prune.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            if (await ObservabilityStores.PeriodAsync(environment, parse.GetValue(olderOption)!) is not { } period)
            {
                return ExitCodes.UsageError;
            }

            var deleted = await stores.Traces.PruneAsync(TimeProvider.System.GetUtcNow() - period, cancellationToken);
            await environment.Out.WriteLineAsync($"Pruned the traces of {deleted} run(s).");
            return ExitCodes.Success;
        }, cancellationToken));
        return prune;
    }
}
