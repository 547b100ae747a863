using System.Text.Json;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Supervision;

/// <summary>
/// A sub-agent of a supervisor, scoped to one capability: the route it serves, its worker (an agent with its own
/// model and small tool set, a function, or another supervisor), what part of the task it may see, and the
/// contract its output must meet.
/// </summary>
/// <param name="Route">The route name the router uses.</param>
/// <param name="Worker">The worker.</param>
public sealed record Specialist(string Route, IWorker Worker)
{
    /// <summary>Gets retries, fallback and the input and output schemas validated at the boundary. The default value is <see cref="DispatchOptions.Default"/>.</summary>
    public DispatchOptions Dispatch { get; init; } = DispatchOptions.Default;

    /// <summary>
    /// Gets what the specialist sees of the supervisor's task (context isolation): a projection of the input to
    /// its own domain. <see langword="null"/> passes the whole input.
    /// </summary>
    public Func<JsonElement, JsonElement>? Project { get; init; }
}
