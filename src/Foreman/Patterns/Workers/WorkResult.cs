using System.Text.Json;

namespace Foreman.Patterns.Workers;

/// <summary>The structured result of one task: a status, the output, and what it cost.</summary>
public sealed record WorkResult
{
    /// <summary>Gets the task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>Gets the worker that produced the result.</summary>
    public required string Worker { get; init; }

    /// <summary>Gets how the task ended.</summary>
    public required WorkStatus Status { get; init; }

    /// <summary>Gets the output, when the task succeeded (or a draft, when it needs a person).</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Gets why the task failed or needs a person.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the worker's confidence, 0 to 1.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets the inference cost, every attempt included, in the catalog's currency.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets the model calls made, every attempt included.</summary>
    public int ModelCalls { get; init; }

    /// <summary>Gets the model that produced the output, or <see langword="null"/> for a worker without a model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the attempts the task took. The default value is 1.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Gets the wall time of the task in milliseconds, every attempt included (retry waits excluded).</summary>
    public double DurationMs { get; init; }

    /// <summary>Gets a value indicating whether the task succeeded with an output.</summary>
    public bool Succeeded => Status == WorkStatus.Success && Output is not null;

    /// <summary>Creates a success.</summary>
    /// <param name="task">The task.</param>
    /// <param name="worker">The worker.</param>
    /// <param name="output">The output.</param>
    /// <param name="confidence">The confidence. The default value is 1.</param>
    /// <returns>The result.</returns>
    public static WorkResult Success(WorkTask task, string worker, JsonElement output, double confidence = 1) =>
        new() { TaskId = task?.TaskId ?? string.Empty, Worker = worker, Status = WorkStatus.Success, Output = output, Confidence = confidence };

    /// <summary>Creates a failure.</summary>
    /// <param name="task">The task.</param>
    /// <param name="worker">The worker.</param>
    /// <param name="error">Why.</param>
    /// <returns>The result.</returns>
    public static WorkResult Failure(WorkTask task, string worker, string error) =>
        new() { TaskId = task?.TaskId ?? string.Empty, Worker = worker, Status = WorkStatus.Failure, Error = error };

    /// <summary>Creates a result that needs a person.</summary>
    /// <param name="task">The task.</param>
    /// <param name="worker">The worker.</param>
    /// <param name="reason">Why.</param>
    /// <param name="draft">A draft output for the person, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public static WorkResult NeedsHuman(WorkTask task, string worker, string reason, JsonElement? draft = null) =>
        new() { TaskId = task?.TaskId ?? string.Empty, Worker = worker, Status = WorkStatus.NeedsHuman, Error = reason, Output = draft };
}
