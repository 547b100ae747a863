namespace Foreman.Samples.Pipelines;

/// <summary>One item's outcome measured against its ground truth.</summary>
/// <param name="Escalated">Whether a person was needed.</param>
/// <param name="Correct">Whether what the pipeline produced matches the ground truth (for escalated items: whether the route was right).</param>
/// <param name="Cost">The inference cost.</param>
/// <param name="ProcessingMs">The processing time in milliseconds.</param>
/// <param name="Consensus">The amount consensus, measured, when the pipeline ran one.</param>
public sealed record PipelineScore(bool Escalated, bool Correct, decimal Cost, double ProcessingMs, ConsensusSample? Consensus = null);
