namespace Foreman.Tools;

/// <summary>Retry with exponential backoff and jitter for transient tool failures.</summary>
public sealed class ToolRetryOptions
{
    /// <summary>Gets or sets the number of retries after the first attempt. The default value is 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets the delay before the first retry; later ones double it, with jitter. The default value is 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest delay between two attempts. The default value is 10 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
