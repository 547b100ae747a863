namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>One generated ticket with its ground truth.</summary>
/// <param name="TicketId">The id.</param>
/// <param name="Text">The ticket as received.</param>
/// <param name="Truth">What a careful agent would conclude.</param>
public sealed record TicketCase(string TicketId, string Text, TicketTruth Truth);
