using System.CommandLine;
using System.Globalization;
using Foreman.Autonomy;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Reviews;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman autonomy show|pin|unpin</c>: where decision types stand, and the operator's override.</summary>
internal static class AutonomyCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var autonomy = new Command("autonomy", "Show decision types' autonomy levels and their audit trail; pin or unpin a level.");
        db.AddTo(autonomy);
        autonomy.Subcommands.Add(CreateShow(environment, db));
        autonomy.Subcommands.Add(CreatePin(environment, db));
        autonomy.Subcommands.Add(CreateUnpin(environment, db));
        return autonomy;
    }

    private static Command CreateShow(CliEnvironment environment, StoreSelection db)
    {
        var typeArgument = new Argument<string?>("decision-type") { Description = "One decision type (default: every type with a recorded change).", Arity = ArgumentArity.ZeroOrOne };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var show = new Command("show", "Each decision type's level, whether it is pinned, and its level changes.") { typeArgument, jsonOption };
        show.SetAction((parse, cancellationToken) => WithTrackerAsync(environment, parse, db, cancellationToken, async (tracker, reviews) =>
        {
            var type = parse.GetValue(typeArgument);
            var changes = await reviews.ListLevelChangesAsync(type, cancellationToken);
            var types = type is null ? changes.Select(c => c.DecisionType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() : [type];
            var standings = new List<(AutonomyStanding Standing, IReadOnlyList<LevelChange> Changes)>();
            foreach (var decisionType in types)
            {
                standings.Add((await tracker.GetStandingAsync(decisionType, cancellationToken), [.. changes.Where(c => c.DecisionType == decisionType)]));
            }

            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? AutonomyRenderer.Json(standings) : AutonomyRenderer.Text(standings));
            return ExitCodes.Success;
        }));
        return show;
    }

    private static Command CreatePin(CliEnvironment environment, StoreSelection db)
    {
        var typeArgument = new Argument<string>("decision-type") { Description = "The decision type." };
        var levelArgument = new Argument<string>("level") { Description = "0-3 or a name: autonomous, autonomous-with-audit, proposal-with-approval, assistance-only." };
        var reasonOption = ReasonOption();
        var byOption = ByOption();
        var pin = new Command("pin", "Fix a decision type's level; its track record and the policy's rules no longer move it.") { typeArgument, levelArgument, reasonOption, byOption };
        pin.SetAction((parse, cancellationToken) => WithTrackerAsync(environment, parse, db, cancellationToken, async (tracker, _) =>
        {
            var reason = parse.GetValue(reasonOption);
            if (string.IsNullOrWhiteSpace(reason))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "pin needs --reason.");
            }

            var text = parse.GetRequiredValue(levelArgument);
            if (ParseLevel(text) is not { } level)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"'{text}' is not a level; use 0, 1, 2, 3 or autonomous, autonomous-with-audit, proposal-with-approval, assistance-only.");
            }

            var change = await tracker.PinAsync(parse.GetRequiredValue(typeArgument), level, Operator(environment, parse, byOption), reason, cancellationToken);
            await environment.Out.WriteLineAsync($"{change.DecisionType} is pinned at {AutonomyRenderer.Level(change.To)} (was {AutonomyRenderer.Level(change.From)}) by {change.ChangedBy}.");
            return ExitCodes.Success;
        }));
        return pin;
    }

    private static Command CreateUnpin(CliEnvironment environment, StoreSelection db)
    {
        var typeArgument = new Argument<string>("decision-type") { Description = "The decision type." };
        var reasonOption = ReasonOption();
        var byOption = ByOption();
        var unpin = new Command("unpin", "Release a pin; the type keeps its level until its track record moves it.") { typeArgument, reasonOption, byOption };
        unpin.SetAction((parse, cancellationToken) => WithTrackerAsync(environment, parse, db, cancellationToken, async (tracker, _) =>
        {
            var reason = parse.GetValue(reasonOption);
            if (string.IsNullOrWhiteSpace(reason))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "unpin needs --reason.");
            }

            var type = parse.GetRequiredValue(typeArgument);

            // An unpin record restarts the type's evidence window, so recording one for a type that is not pinned
            // would quietly throw away its track record.
            if (!(await tracker.GetStandingAsync(type, cancellationToken)).Pinned)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"{type} is not pinned; nothing was recorded.");
            }

            var change = await tracker.UnpinAsync(type, Operator(environment, parse, byOption), reason, cancellationToken);
            await environment.Out.WriteLineAsync($"{change.DecisionType} is unpinned by {change.ChangedBy}; it stays at {AutonomyRenderer.Level(change.To)} until its track record moves it.");
            return ExitCodes.Success;
        }));
        return unpin;
    }

    private static Option<string?> ReasonOption() => new("--reason") { Description = "Why (required; kept in the audit trail)." };

    private static Option<string?> ByOption() => new("--by") { Description = "Who (default: $USER)." };

    private static string Operator(CliEnvironment environment, ParseResult parse, Option<string?> byOption) =>
        parse.GetValue(byOption) ?? environment.GetVariable("USER") ?? "cli";

    /// <summary>Reads a level as its number or its name, in any case, with dashes or underscores between words.</summary>
    private static AutonomyLevel? ParseLevel(string text)
    {
        var trimmed = text.Trim();

        // Only the separators between words are ignored: "-1" must not read as level 1.
        var name = char.IsLetter(trimmed.FirstOrDefault()) ? trimmed.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal) : null;
        foreach (var level in Enum.GetValues<AutonomyLevel>())
        {
            if (string.Equals(trimmed, ((int)level).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                || string.Equals(name, level.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return level;
            }
        }

        return null;
    }

    // The CLI does not know the application's policy: a type without a record shows the default initial level.
    private static Task<int> WithTrackerAsync(CliEnvironment environment, ParseResult parse, StoreSelection db, CancellationToken cancellationToken, Func<AutonomyTracker, IReviewStore, Task<int>> body) =>
        WorkflowStores.UseExistingWithReviewsAsync(
            environment,
            db.Resolve(parse, environment),
            (_, reviews) => body(new AutonomyTracker(reviews, new AutonomyPolicy([]), timeProvider: TimeProvider.System), reviews),
            cancellationToken);
}
