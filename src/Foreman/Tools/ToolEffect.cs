namespace Foreman.Tools;

/// <summary>
/// What a tool does to the world. An agent declares the effects it may use; a call to a tool whose effect is
/// not allowed is blocked before it runs.
/// </summary>
[Flags]
public enum ToolEffect
{
    /// <summary>No effect; used only as an empty permission set.</summary>
    None = 0,

    /// <summary>Reads data and changes nothing.</summary>
    Read = 1,

    /// <summary>Creates or updates data in systems we own.</summary>
    Write = 2,

    /// <summary>Deletes data or does something that cannot be undone (refunds, cancellations).</summary>
    Destructive = 4,

    /// <summary>Reaches outside: sends e-mail, calls a partner's API, pays money.</summary>
    External = 8,
}
