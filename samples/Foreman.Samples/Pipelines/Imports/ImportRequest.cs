namespace Foreman.Samples.Pipelines.Imports;

/// <summary>The input of <c>import-documents</c>: a document as the broker's intake receives it.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Text">The document's text.</param>
/// <param name="Shipment">The shipment it arrived with (the top level's context, not passed to the extraction levels).</param>
/// <param name="BrokerNotes">Internal notes (the top level's context, not passed down).</param>
public sealed record ImportRequest(string DocumentId, string Text, string? Shipment = null, string? BrokerNotes = null);
