namespace Foreman.Alerts;

/// <summary>Whether an alert's condition still holds.</summary>
public enum AlertState
{
    /// <summary>The condition held at the last evaluation.</summary>
    Firing,

    /// <summary>The condition no longer holds.</summary>
    Resolved,
}
