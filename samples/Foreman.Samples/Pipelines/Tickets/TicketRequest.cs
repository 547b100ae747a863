namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>The input of <c>ticket-triage-pipeline</c>: one ticket as received.</summary>
/// <param name="TicketId">The ticket's id.</param>
/// <param name="Text">The ticket's text.</param>
public sealed record TicketRequest(string TicketId, string Text);
