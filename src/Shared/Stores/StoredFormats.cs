using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Foreman.Workflows.Storage;

namespace Foreman.Stores;

/// <summary>
/// How values are written to the database. These formats outlive releases (a run paused today resumes under the
/// next version), so they are pinned by a fixture test and must only ever change through a migration.
/// </summary>
internal static class StoredFormats
{
    // Names stay readable in the database and never depend on enum ordinals (reordering an enum must not corrupt
    // stored runs).
    private static readonly string[] StatusNames = ["pending", "running", "waiting", "completed", "failed", "cancelled", "dead_lettered", "suspended"];
    private static readonly string[] KindNames = ["step", "timer", "wait", "child", "value", "transition"];
    private static readonly string[] StateNames = ["completed", "failed", "retrying", "pending"];

    // Child completion events carry the status the way JSON usually spells enums (camelCase), which
    // Enum.TryParse(ignoreCase) and JsonStringEnumConverter both read back.
    private static readonly string[] EventStatusNames = ["pending", "running", "waiting", "completed", "failed", "cancelled", "deadLettered", "suspended"];

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Status(RunStatus status) => NameOf(StatusNames, (int)status, "run status");

    public static RunStatus ParseStatus(string text) => (RunStatus)IndexOf(StatusNames, text, "run status");

    public static string Kind(JournalEntryKind kind) => NameOf(KindNames, (int)kind, "journal entry kind");

    public static JournalEntryKind ParseKind(string text) => (JournalEntryKind)IndexOf(KindNames, text, "journal entry kind");

    public static string State(JournalEntryState state) => NameOf(StateNames, (int)state, "journal entry state");

    public static JournalEntryState ParseState(string text) => (JournalEntryState)IndexOf(StateNames, text, "journal entry state");

    /// <summary>Times are stored as UTC ticks: the instant round-trips exactly (the offset is not kept).</summary>
    public static long Time(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset ParseTime(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>The event names a run waits for, as a compact JSON array, or <see langword="null"/> for none.</summary>
    public static string? WaitingFor(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return null;
        }

        return WriteJson(names, static (writer, names) =>
        {
            writer.WriteStartArray();
            foreach (var name in names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        });
    }

    public static IReadOnlyList<string> ParseWaitingFor(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var names = new List<string>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                names.Add(reader.GetString()!);
            }
        }

        return names;
    }

    /// <summary>The error of a cancelled run, in the engine's <see cref="RunError"/> format (snake_case, nulls omitted).</summary>
    public static string CancelledError(string reason) => WriteJson(reason, static (writer, reason) =>
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "cancelled");
        writer.WriteString("message", reason);
        writer.WriteEndObject();
    });

    /// <summary>
    /// The payload of <c>child:{runId}</c>. Output and error are JSON text inside JSON strings: embedding them raw
    /// would make a string output indistinguishable from the text of an object.
    /// </summary>
    public static string ChildEvent(RunStatus status, string? output, string? error) => WriteJson((status, output, error), static (writer, value) =>
    {
        writer.WriteStartObject();
        writer.WriteString("status", EventStatusNames[(int)value.status]);
        writer.WriteString("output", value.output);
        writer.WriteString("error", value.error);
        writer.WriteEndObject();
    });

    public static string ChildEventName(string runId) => "child:" + runId;

    private static string WriteJson<T>(T state, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(writer, state);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string NameOf(string[] names, int value, string what) => (uint)value < (uint)names.Length
        ? names[value]
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"There is no stored name for {what} {value}.");

    private static int IndexOf(string[] names, string text, string what)
    {
        var index = Array.IndexOf(names, text);
        return index >= 0
            ? index
            : throw new InvalidDataException($"The database holds an unknown {what} '{text}'; it was written by a newer version of Foreman or damaged.");
    }
}
