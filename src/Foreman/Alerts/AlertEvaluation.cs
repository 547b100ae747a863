namespace Foreman.Alerts;

/// <summary>What one evaluation of the rules changed.</summary>
/// <param name="Fired">Alerts that started firing or got more severe (these were sent).</param>
/// <param name="StillFiring">Alerts that were already firing and still are (not sent again).</param>
/// <param name="Resolved">Alerts whose condition cleared.</param>
/// <param name="FailedRules">Rules that threw (logged; the other rules still ran).</param>
public sealed record AlertEvaluation(IReadOnlyList<Alert> Fired, IReadOnlyList<Alert> StillFiring, IReadOnlyList<Alert> Resolved, IReadOnlyList<string> FailedRules);
