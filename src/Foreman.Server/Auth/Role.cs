namespace Foreman.Server.Auth;

/// <summary>
/// What an API key may do. Roles are ordered: each one may do everything the roles below it may
/// (submitter &lt; reviewer &lt; operator &lt; admin). docs/server.md lists the role each route needs.
/// </summary>
public enum Role
{
    /// <summary>Submits runs, reads runs and their traces, delivers events (webhooks).</summary>
    Submitter = 1,

    /// <summary>Also works the review queue: list, approve, reject, modify.</summary>
    Reviewer = 2,

    /// <summary>Also operates the system: cancel runs, dead letters, alerts, metrics and the health dashboard.</summary>
    Operator = 3,

    /// <summary>Also manages API keys.</summary>
    Admin = 4,
}
