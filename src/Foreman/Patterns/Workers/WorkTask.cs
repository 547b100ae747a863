using System.Text.Json;

namespace Foreman.Patterns.Workers;

/// <summary>
/// A structured piece of work an orchestrator hands to a worker: never raw text, always an id, a kind (the
/// capability asked for) and a JSON input the worker's contract describes.
/// </summary>
/// <param name="TaskId">An id unique within the run, stable across replays (it names the task's journal scope).</param>
/// <param name="Kind">The capability asked for, for example <c>extract-amount</c>.</param>
/// <param name="Input">The input, as JSON.</param>
public sealed record WorkTask(string TaskId, string Kind, JsonElement Input)
{
    /// <summary>Creates a task whose input is <paramref name="input"/> serialized as JSON.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <param name="taskId">The task id.</param>
    /// <param name="kind">The capability asked for.</param>
    /// <param name="input">The input.</param>
    /// <returns>The task.</returns>
    public static WorkTask Create<T>(string taskId, string kind, T input) =>
        new(taskId, kind, JsonSerializer.SerializeToElement(input, PatternJson.Options));

    /// <summary>Returns the input as the text an agent reads: the string itself for a JSON string, JSON otherwise.</summary>
    /// <returns>The text.</returns>
    public string InputText() => Input.ValueKind == JsonValueKind.String ? Input.GetString()! : Input.GetRawText();
}
