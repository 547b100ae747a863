namespace Foreman.Patterns.Routing;

/// <summary>What a router decided: the routes to take (none means a person must decide), why, and how sure it is.</summary>
/// <param name="Routes">The chosen routes, in the order the router ranked them; empty when nothing fits.</param>
/// <param name="Reason">Why, for people reading the journal or the trace.</param>
/// <param name="Router">What decided: <c>rules</c> or <c>model</c>.</param>
/// <param name="Confidence">The router's confidence, 0 to 1.</param>
public sealed record RouteDecision(IReadOnlyList<string> Routes, string Reason, string Router, double Confidence = 1)
{
    /// <summary>Gets the inference cost of the decision (zero for rules).</summary>
    public decimal Cost { get; init; }
}
