namespace Foreman.Cli.Demo;

/// <summary>What <c>foreman demo</c> runs: which pipelines, how many items each, the seed and the concurrency.</summary>
/// <param name="Pipelines">The pipelines' workflow names, in order.</param>
/// <param name="Count">Items per pipeline, or <see langword="null"/> for each pipeline's default.</param>
/// <param name="Seed">The dataset seed.</param>
/// <param name="Concurrency">Runs in flight at once.</param>
/// <param name="AmountErrorRate">The simulated per-instance amount error rate.</param>
internal sealed record DemoOptions(IReadOnlyList<string> Pipelines, int? Count, int Seed, int Concurrency, double AmountErrorRate);
