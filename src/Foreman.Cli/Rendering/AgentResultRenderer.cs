using System.Globalization;
using System.Text.Json;
using Foreman.Agents;
using Spectre.Console;

namespace Foreman.Cli.Rendering;

/// <summary>Prints an agent result for people: outcome, output, the tool-call trail and the cost.</summary>
internal static class AgentResultRenderer
{
    public static void Render(TextWriter writer, AgentResult result)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = IsTerminal(writer) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal(writer) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });

        var colour = result.Status switch { AgentStatus.Succeeded => "green", AgentStatus.NeedsHuman => "yellow", _ => "red" };
        console.MarkupLine($"[bold {colour}]{result.Status}[/] ({Markup.Escape(result.StopReason.ToString())}): {Markup.Escape(result.StopDetail)}");
        console.MarkupLine($"run [grey]{Markup.Escape(result.RunId)}[/]  model [grey]{Markup.Escape(result.Model ?? "-")}[/]  confidence {result.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}{(result.ConfidenceReported ? string.Empty : " (derived)")}");

        if (result.Output is { } output)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Output[/]");
            console.WriteLine(JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (!string.IsNullOrEmpty(result.Text))
        {
            console.WriteLine();
            console.WriteLine(result.Text);
        }

        console.WriteLine();
        var trail = new Table().Title("Tool-call trail").AddColumns("#", "tool", "outcome", "attempts", "ms", "arguments");
        foreach (var call in result.Trail)
        {
            var outcome = call.Error is null ? "[green]ok[/]" : $"[red]{Markup.Escape(call.Error.Kind.ToString())}[/]";
            var arguments = call.Arguments.ValueKind == JsonValueKind.Undefined ? call.RawArguments ?? string.Empty : call.Arguments.GetRawText();
            trail.AddRow(call.Sequence.ToString(CultureInfo.InvariantCulture), Markup.Escape(call.ToolName), outcome,
                call.Attempts.ToString(CultureInfo.InvariantCulture), call.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(Shorten(arguments, 60)));
        }

        console.Write(trail);

        var usage = result.Usage;
        var cost = new Table().Title("Cost").AddColumns("model calls", "tool calls", "prompt tokens", "completion tokens", "cost", "of which retries");
        cost.AddRow(
            usage.ModelCalls.ToString(CultureInfo.InvariantCulture),
            usage.ToolCalls.ToString(CultureInfo.InvariantCulture),
            usage.PromptTokens.ToString("N0", CultureInfo.InvariantCulture),
            usage.CompletionTokens.ToString("N0", CultureInfo.InvariantCulture),
            $"{usage.Cost.ToString("0.000000", CultureInfo.InvariantCulture)} {usage.Currency}",
            $"{usage.RetryCost.ToString("0.000000", CultureInfo.InvariantCulture)} {usage.Currency}");
        console.Write(cost);

        foreach (var alert in result.BudgetAlerts)
        {
            console.MarkupLine($"[yellow]budget alert[/]: {alert.Kind} at {alert.Used:0.##} of {alert.Limit:0.##}");
        }

        if (result.PendingApproval is { } pending)
        {
            console.MarkupLine($"[yellow]waiting for approval[/]: {Markup.Escape(pending.ToolName)} {Markup.Escape(pending.Arguments.GetRawText())} (action {pending.ActionHash[..12]}…)");
        }

        if (result.GuardrailRejection is { } rejection)
        {
            console.MarkupLine($"[red]rejected by {Markup.Escape(rejection.Guardrail)}[/]: {Markup.Escape(rejection.Code)}: {Markup.Escape(rejection.Reason)}");
        }
    }

    // Colour only on an interactive terminal that did not opt out (https://no-color.org).
    private static bool IsTerminal(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
