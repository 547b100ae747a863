namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>The answer key of a generated ticket.</summary>
/// <param name="Route">urgent, order_status, returns or general.</param>
/// <param name="OrderId">The order it is about, or <see langword="null"/>.</param>
/// <param name="OrderStatus">The order's real status, for order-status tickets.</param>
/// <param name="ReturnEligible">Whether the policy accepts the return, for return tickets.</param>
/// <param name="ArticleId">The article that answers it, for general questions.</param>
public sealed record TicketTruth(string Route, string? OrderId, string? OrderStatus, bool? ReturnEligible, string? ArticleId);
