namespace Foreman.Alerts;

/// <summary>Options of a <see cref="WebhookAlertSink"/>.</summary>
public sealed class WebhookAlertSinkOptions
{
    /// <summary>Gets or sets the URL alerts are POSTed to as JSON. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets how many attempts a delivery makes. The default value is 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Gets or sets the delay before the second attempt; it doubles after each failure. The default value is 1 second.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long one attempt may take. The default value is 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the clock that times retries. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
