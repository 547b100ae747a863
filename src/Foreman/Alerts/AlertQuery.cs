namespace Foreman.Alerts;

/// <summary>Filters for listing alerts.</summary>
/// <param name="State">Only this state, or <see langword="null"/> for all.</param>
/// <param name="Since">Fired at or after, or <see langword="null"/>.</param>
/// <param name="Rule">Only this rule, or <see langword="null"/>.</param>
/// <param name="Limit">The most alerts returned, newest first.</param>
public sealed record AlertQuery(AlertState? State = null, DateTimeOffset? Since = null, string? Rule = null, int Limit = 200);
