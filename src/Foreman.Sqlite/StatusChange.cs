namespace Foreman.Sqlite;

/// <summary>The columns written with a status change; unset ones are cleared.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal readonly record struct StatusChange
{
    /// <summary>Gets the new business state, or <see langword="null"/> to keep the current one.</summary>
    public string? BusinessState { get; init; }

    /// <summary>Gets the wake time (UTC ticks) of a waiting run.</summary>
    public long? WakeAt { get; init; }

    /// <summary>Gets the stored JSON array of event names a waiting run waits for.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>Gets the output JSON.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the error JSON.</summary>
    public string? Error { get; init; }

    /// <summary>Gets when the run becomes claimable (UTC ticks): now for pending, the wake time for waiting.</summary>
    public long? DueAt { get; init; }
}
