namespace Foreman.Samples.Pipelines.Imports;

/// <summary>One generated import document with its ground truth.</summary>
/// <param name="DocumentId">The id.</param>
/// <param name="Text">The document's text.</param>
/// <param name="Truth">What it really says.</param>
public sealed record ImportCase(string DocumentId, string Text, ImportTruth Truth);
