using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Rendering;

/// <summary>Prints runs for people: aligned plain-text columns that stay readable when piped to a file or grep.</summary>
internal static class RunRenderer
{
    private static readonly JsonSerializerOptions ReadableOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Prints runs as a table, or as JSON when asked.</summary>
    public static Task WriteListAsync(TextWriter writer, IReadOnlyList<RunRecord> runs, bool json)
    {
        if (json)
        {
            return writer.WriteLineAsync(RunJson.List(runs));
        }

        List(writer, runs);
        return Task.CompletedTask;
    }

    public static void List(TextWriter writer, IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0)
        {
            writer.WriteLine("No runs.");
            return;
        }

        var rows = new List<string[]> { new[] { "RUN", "WORKFLOW", "STATUS", "UPDATED (UTC)", "CLAIMS", "DETAIL" } };
        rows.AddRange(runs.Select(run => new[]
        {
            run.RunId, run.Workflow, StatusText.Of(run.Status), Time(run.UpdatedAt), run.Claims.ToString(CultureInfo.InvariantCulture), Detail(run),
        }));
        WriteTable(writer, rows);
        writer.WriteLine();
        writer.WriteLine($"{runs.Count} run(s).");
    }

    public static void Show(TextWriter writer, RunRecord run, IReadOnlyList<JournalEntry> journal, IReadOnlyList<InboxEvent> inbox)
    {
        WriteRun(writer, run);
        writer.WriteLine();
        writer.WriteLine($"Journal ({journal.Count} entries)");
        if (journal.Count > 0)
        {
            var rows = new List<string[]> { new[] { "SEQ", "KEY", "KIND", "NAME", "STATE", "ATTEMPTS", "DUE (UTC)", "PAYLOAD" } };
            rows.AddRange(journal.Select(e => new[]
            {
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.Key, StatusText.Of(e.Kind), e.Name, StatusText.Of(e.State),
                e.Attempts.ToString(CultureInfo.InvariantCulture), e.DueAt is { } due ? Time(due) : "-", Shorten(Readable(e.Payload) ?? "-", 60),
            }));
            WriteTable(writer, rows);
        }

        writer.WriteLine();
        writer.WriteLine($"Inbox ({inbox.Count} unconsumed events)");
        if (inbox.Count > 0)
        {
            var rows = new List<string[]> { new[] { "ID", "NAME", "RECEIVED (UTC)", "DEDUPE KEY", "PAYLOAD" } };
            rows.AddRange(inbox.Select(e => new[]
            {
                e.Id.ToString(CultureInfo.InvariantCulture), e.Name, Time(e.ReceivedAt), e.DedupeKey ?? "-", Shorten(Readable(e.Payload) ?? "-", 60),
            }));
            WriteTable(writer, rows);
        }
    }

    public static void WriteRun(TextWriter writer, RunRecord run)
    {
        writer.WriteLine($"run        {run.RunId}");
        writer.WriteLine($"workflow   {run.Workflow}");
        writer.WriteLine($"status     {StatusText.Of(run.Status)}{(Detail(run) is { Length: > 0 } detail ? $" ({detail})" : string.Empty)}");
        if (run.BusinessState is not null)
        {
            writer.WriteLine($"state      {run.BusinessState}");
        }

        writer.WriteLine($"created    {Time(run.CreatedAt)}");
        writer.WriteLine($"updated    {Time(run.UpdatedAt)}");
        writer.WriteLine($"claims     {run.Claims}   epoch {run.Epoch}   version {run.Version}");
        if (run.LeaseOwner is not null && run.Status == RunStatus.Running)
        {
            writer.WriteLine($"lease      {run.LeaseOwner} until {(run.LeaseExpiresAt is { } expires ? Time(expires) : "-")}");
        }

        if (run.ParentRunId is not null)
        {
            writer.WriteLine($"parent     {run.ParentRunId}");
        }

        writer.WriteLine($"input      {Shorten(Readable(run.Input)!, 200)}");
        if (run.Output is not null)
        {
            writer.WriteLine($"output     {Readable(run.Output)}");
        }

        if (run.Error is not null)
        {
            writer.WriteLine($"error      {run.Error}");
        }
    }

    /// <summary>The one thing worth knowing about a run at a glance.</summary>
    public static string Detail(RunRecord run) => run.Status switch
    {
        RunStatus.Waiting when run.WaitingFor.Count > 0 && run.WakeAt is { } wake => $"for {string.Join(", ", run.WaitingFor)} until {Time(wake)}",
        RunStatus.Waiting when run.WaitingFor.Count > 0 => $"for {string.Join(", ", run.WaitingFor)}",
        RunStatus.Waiting when run.WakeAt is { } wake => $"until {Time(wake)}",
        RunStatus.Failed or RunStatus.DeadLettered or RunStatus.Suspended or RunStatus.Cancelled => ErrorSummary(run.Error),
        _ => string.Empty,
    };

    public static string ErrorSummary(string? error)
    {
        if (error is null)
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(error);
            var root = document.RootElement;
            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            var step = root.TryGetProperty("step", out var s) ? s.GetString() : null;
            return Shorten(step is null ? message ?? error : $"step {step}: {message}", 80);
        }
        catch (JsonException)
        {
            return Shorten(error, 80);
        }
    }

    /// <summary>
    /// A stored JSON text as a person wants to read it: compact, without \u0022 escapes, and a string that holds
    /// JSON (what the agent journal records) unwrapped.
    /// </summary>
    public static string? Readable(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(json);
            if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{'))
            {
                node = JsonNode.Parse(text);
            }

            return node?.ToJsonString(ReadableOptions) ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }

    private static void WriteTable(TextWriter writer, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            // The last column is not padded, so lines carry no trailing spaces.
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            writer.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
