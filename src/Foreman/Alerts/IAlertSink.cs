namespace Foreman.Alerts;

/// <summary>Where new alerts are sent (a webhook, a pager). Implementations must be thread-safe and must not throw for delivery failures.</summary>
public interface IAlertSink
{
    /// <summary>Gets a name for logs.</summary>
    string Name { get; }

    /// <summary>Sends an alert (retrying as the sink sees fit).</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was delivered.</returns>
    Task<bool> SendAsync(Alert alert, CancellationToken cancellationToken);
}
