namespace Foreman.Alerts;

/// <summary>What raising a condition did to the stored alerts.</summary>
public enum AlertChange
{
    /// <summary>A new alert started firing.</summary>
    Created,

    /// <summary>The firing alert's severity went up (a warning became critical).</summary>
    Escalated,

    /// <summary>The firing alert was only updated (last seen, value, occurrences).</summary>
    Updated,
}
