namespace Foreman.Alerts;

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>Worth a look.</summary>
    Warning,

    /// <summary>Needs attention today.</summary>
    Error,

    /// <summary>Needs attention now; automatic protection (disabling an agent) may already have acted.</summary>
    Critical,
}
