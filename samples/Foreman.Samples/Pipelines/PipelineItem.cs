namespace Foreman.Samples.Pipelines;

/// <summary>One generated item of a pipeline's dataset: the workflow input and the ground truth.</summary>
/// <param name="Id">The document's or ticket's id.</param>
/// <param name="Input">The workflow input object.</param>
/// <param name="Truth">The ground truth.</param>
public sealed record PipelineItem(string Id, object Input, object Truth);
