using System.Globalization;
using System.Text;
using System.Text.Json;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Rendering;

/// <summary>
/// Runs, journals and inboxes as JSON for scripts: snake_case names, times in ISO 8601 UTC, and the stored JSON
/// texts (input, output, error, payloads) embedded as JSON rather than as strings.
/// </summary>
internal static class RunJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static string List(IReadOnlyList<RunRecord> runs) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var run in runs)
        {
            WriteRun(writer, run);
        }

        writer.WriteEndArray();
    });

    public static string Run(RunRecord run) => Write(writer => WriteRun(writer, run));

    public static string Show(RunRecord run, IReadOnlyList<JournalEntry> journal, IReadOnlyList<InboxEvent> inbox) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("run");
        WriteRun(writer, run);
        writer.WriteStartArray("journal");
        foreach (var entry in journal)
        {
            WriteEntry(writer, entry);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("inbox");
        foreach (var inboxEvent in inbox)
        {
            WriteEvent(writer, inboxEvent);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static void WriteRun(Utf8JsonWriter writer, RunRecord run)
    {
        writer.WriteStartObject();
        writer.WriteString("run_id", run.RunId);
        writer.WriteString("workflow", run.Workflow);
        writer.WriteString("status", StatusText.Of(run.Status));
        WriteNullableString(writer, "business_state", run.BusinessState);
        WriteEmbedded(writer, "input", run.Input);
        WriteEmbedded(writer, "output", run.Output);
        WriteEmbedded(writer, "error", run.Error);
        writer.WriteStartArray("waiting_for");
        foreach (var name in run.WaitingFor)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        WriteTime(writer, "wake_at", run.WakeAt);
        WriteNullableString(writer, "lease_owner", run.LeaseOwner);
        WriteTime(writer, "lease_expires_at", run.LeaseExpiresAt);
        WriteNullableString(writer, "parent_run_id", run.ParentRunId);
        WriteNullableString(writer, "idempotency_key", run.IdempotencyKey);
        writer.WriteNumber("claims", run.Claims);
        writer.WriteNumber("epoch", run.Epoch);
        writer.WriteNumber("version", run.Version);
        WriteTime(writer, "created_at", run.CreatedAt);
        WriteTime(writer, "updated_at", run.UpdatedAt);
        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, JournalEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence", entry.Sequence);
        writer.WriteString("key", entry.Key);
        writer.WriteString("kind", StatusText.Of(entry.Kind));
        writer.WriteString("name", entry.Name);
        writer.WriteString("state", StatusText.Of(entry.State));
        writer.WriteNumber("attempts", entry.Attempts);
        WriteTime(writer, "due_at", entry.DueAt);
        WriteEmbedded(writer, "payload", entry.Payload);
        WriteTime(writer, "recorded_at", entry.RecordedAt);
        writer.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter writer, InboxEvent inboxEvent)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", inboxEvent.Id);
        writer.WriteString("name", inboxEvent.Name);
        WriteEmbedded(writer, "payload", inboxEvent.Payload);
        WriteNullableString(writer, "dedupe_key", inboxEvent.DedupeKey);
        WriteTime(writer, "received_at", inboxEvent.ReceivedAt);
        writer.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Stored texts are JSON by contract; a corrupt one is shown as a string rather than breaking the whole listing.
    private static void WriteEmbedded(Utf8JsonWriter writer, string name, string? json)
    {
        writer.WritePropertyName(name);
        if (json is null)
        {
            writer.WriteNullValue();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(json);
        }
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
