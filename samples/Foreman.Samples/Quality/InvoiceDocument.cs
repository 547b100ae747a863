namespace Foreman.Samples.Quality;

/// <summary>The pipeline's input: one invoice and the id the labelled dataset knows it by.</summary>
/// <param name="DocumentId">The document id.</param>
/// <param name="Text">The invoice text.</param>
public sealed record InvoiceDocument(string DocumentId, string Text);
