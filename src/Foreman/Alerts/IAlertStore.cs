namespace Foreman.Alerts;

/// <summary>Durable storage of alerts. Implementations must be thread-safe.</summary>
/// <remarks>
/// Contract: at most one alert per fingerprint is firing. <see cref="RaiseAsync"/> either creates a firing alert
/// (when none is firing for the fingerprint) or updates the firing one (message, value, last seen, occurrences,
/// severity raised to the higher one), atomically.
/// </remarks>
public interface IAlertStore
{
    /// <summary>Records that a condition holds.</summary>
    /// <param name="candidate">The condition.</param>
    /// <param name="newAlertId">The id to use if a new alert is created.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The firing alert, and whether this call created it, raised its severity, or only updated it (only the first two are sent).</returns>
    Task<(Alert Alert, AlertChange Change)> RaiseAsync(AlertCandidate candidate, string newAlertId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Resolves the firing alert of a fingerprint, if any.</summary>
    /// <param name="fingerprint">The fingerprint.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resolved alert, or <see langword="null"/> when none was firing.</returns>
    Task<Alert?> ResolveAsync(string fingerprint, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lists alerts, newest first.</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alerts.</returns>
    Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>Lists the firing alerts of a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alerts.</returns>
    Task<IReadOnlyList<Alert>> ListFiringAsync(string rule, CancellationToken cancellationToken);

    /// <summary>Records that a sink accepted an alert.</summary>
    /// <param name="alertId">The alert.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task MarkNotifiedAsync(string alertId, DateTimeOffset at, CancellationToken cancellationToken);
}
