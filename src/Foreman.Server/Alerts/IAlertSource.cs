namespace Foreman.Server.Alerts;

/// <summary>
/// Where the server's alerts come from. The built-in <see cref="OperationalAlerts"/> derives them from the stores and
/// the health figures; a rule engine (quality, cost, budget alerts) plugs in by implementing this interface and
/// being passed in <see cref="ForemanServerOptions.AlertSources"/>. Implementations are thread-safe.
/// </summary>
public interface IAlertSource
{
    /// <summary>Lists the alerts active now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alerts.</returns>
    Task<IReadOnlyList<ServerAlert>> ListActiveAsync(CancellationToken cancellationToken);
}
