namespace Foreman.Alerts;

/// <summary>
/// A rule evaluated periodically by the <see cref="AlertService"/>. It returns the conditions that hold now; a
/// firing alert of this rule whose subject is not returned is resolved. Implementations must be thread-safe.
/// </summary>
public interface IAlertRule
{
    /// <summary>Gets the rule's name (the <see cref="Alert.Rule"/> of its alerts).</summary>
    string Name { get; }

    /// <summary>Evaluates the rule.</summary>
    /// <param name="now">The evaluation time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conditions that hold.</returns>
    Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
