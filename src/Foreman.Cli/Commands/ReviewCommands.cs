using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Autonomy;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Reviews;
using Foreman.Workflows;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman review list|show|approve|reject|modify</c>: the human side of the review queue.</summary>
internal static class ReviewCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var review = new Command("review", "List, inspect and decide review items; a decision wakes the waiting run.");
        db.AddTo(review);
        review.Subcommands.Add(CreateList(environment, db));
        review.Subcommands.Add(CreateShow(environment, db));
        review.Subcommands.Add(CreateDecide(environment, db, "approve", "Approve the exact proposed action.", ReviewStatus.Approved));
        review.Subcommands.Add(CreateDecide(environment, db, "reject", "Reject the proposal; nothing executes.", ReviewStatus.Rejected));
        review.Subcommands.Add(CreateDecide(environment, db, "modify", "Approve with edited values (checked against the action's schema).", ReviewStatus.Modified));
        return review;
    }

    private static Command CreateList(CliEnvironment environment, StoreSelection db)
    {
        var queueOption = new Option<string?>("--queue") { Description = "Only this queue." };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var list = new Command("list", "Pending items, most urgent first (urgency, amount, age).") { queueOption, jsonOption };
        list.SetAction((parse, cancellationToken) => WithStoresAsync(environment, parse, db, cancellationToken, async (service, _) =>
        {
            // Listing is also when stranded decisions (decided, never delivered) get delivered.
            await service.ReconcileAsync(cancellationToken);
            var items = await service.ListPendingAsync(parse.GetValue(queueOption), cancellationToken);
            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ReviewRenderer.ListJson(items) : ReviewRenderer.ListText(items));
            return ExitCodes.Success;
        }));
        return list;
    }

    private static Command CreateShow(CliEnvironment environment, StoreSelection db)
    {
        var idArgument = new Argument<string>("id") { Description = "The review item." };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var show = new Command("show", "The escalation packet: goal, decision, options, evidence, confidence, proposed action.") { idArgument, jsonOption };
        show.SetAction((parse, cancellationToken) => WithStoresAsync(environment, parse, db, cancellationToken, async (_, reviews) =>
        {
            var id = parse.GetRequiredValue(idArgument);
            if (await reviews.GetAsync(id, cancellationToken) is not { } item)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"no review item '{id}'.");
            }

            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ReviewRenderer.ItemJson(item) : ReviewRenderer.ItemText(item));
            return ExitCodes.Success;
        }));
        return show;
    }

    private static Command CreateDecide(CliEnvironment environment, StoreSelection db, string name, string description, ReviewStatus verdict)
    {
        var idArgument = new Argument<string>("id") { Description = "The review item." };
        var reasonOption = new Option<string?>("--reason") { Description = verdict == ReviewStatus.Rejected ? "Why (required)." : "Why (optional)." };
        var reviewerOption = new Option<string?>("--reviewer") { Description = "Who decides (default: $USER)." };
        var setOption = new Option<string[]>("--set") { Description = "field=value; the value is JSON when it parses as JSON, text otherwise. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var jsonOption = new Option<bool>("--json") { Description = "Print the decided item as JSON." };
        var command = new Command(name, description) { idArgument, reasonOption, reviewerOption, jsonOption };
        if (verdict == ReviewStatus.Modified)
        {
            command.Options.Add(setOption);
        }

        command.SetAction((parse, cancellationToken) => WithStoresAsync(environment, parse, db, cancellationToken, async (service, reviews) =>
        {
            var id = parse.GetRequiredValue(idArgument);
            var reason = parse.GetValue(reasonOption);
            if (verdict == ReviewStatus.Rejected && string.IsNullOrWhiteSpace(reason))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "reject needs --reason.");
            }

            string? modified = null;
            if (verdict == ReviewStatus.Modified)
            {
                var item = await reviews.GetAsync(id, cancellationToken);
                if (item is null)
                {
                    return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"no review item '{id}'.");
                }

                var (edited, error) = ApplySets(item.ProposedAction, parse.GetValue(setOption) ?? []);
                if (error is not null)
                {
                    return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, error);
                }

                modified = edited;
            }

            var reviewer = parse.GetValue(reviewerOption) ?? environment.GetVariable("USER") ?? "cli";
            var result = await service.DecideAsync(id, new ReviewDecision(verdict, reviewer, reason, modified), cancellationToken);
            if (result.Status != DecideStatus.Decided)
            {
                return await CommandFailure.ReportAsync(environment, result.Status == DecideStatus.InvalidModification ? ExitCodes.UsageError : ExitCodes.Failed, result.Message);
            }

            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ReviewRenderer.ItemJson(result.Item!) : $"{result.Message} Run {result.Item!.RunId} was woken.{Environment.NewLine}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static (string? Json, string? Error) ApplySets(string proposed, string[] sets)
    {
        if (sets.Length == 0)
        {
            return (null, "modify needs at least one --set field=value.");
        }

        if (JsonNode.Parse(proposed) is not JsonObject action)
        {
            return (null, "the proposed action is not a JSON object; it cannot be edited field by field.");
        }

        foreach (var set in sets)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"--set '{set}' is not field=value.");
            }

            var text = set[(equals + 1)..];
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON: the reviewer typed plain text, such as a reason.
                value = JsonValue.Create(text);
            }

            action[set[..equals]] = value;
        }

        return (action.ToJsonString(), null);
    }

    private static Task<int> WithStoresAsync(CliEnvironment environment, ParseResult parse, StoreSelection db, CancellationToken cancellationToken, Func<ReviewService, IReviewStore, Task<int>> body) =>
        WorkflowStores.UseExistingWithReviewsAsync(
            environment,
            db.Resolve(parse, environment),
            (store, reviews) => body(new ReviewService(reviews, new WorkflowEngine(store, []), autonomy: new AutonomyTracker(reviews, new AutonomyPolicy([]))), reviews),
            cancellationToken);
}
