namespace Foreman.Server.Runs;

/// <summary>The answer to a submission.</summary>
/// <param name="Created">Whether this call created the run (false: the idempotency key named an existing one).</param>
/// <param name="Run">The run.</param>
internal sealed record SubmitRunView(bool Created, RunView Run);
