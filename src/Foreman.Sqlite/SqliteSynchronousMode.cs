namespace Foreman.Sqlite;

/// <summary>How hard SQLite works to make a commit survive a crash (<c>PRAGMA synchronous</c>).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// Every commit is synced to disk before it returns: it survives a process crash and a power loss. The default.
    /// </summary>
    Full,

    /// <summary>
    /// The write-ahead log is synced only at checkpoints: a commit survives a process crash, but the last commits
    /// before a power loss or an operating-system crash may be lost. Several times faster.
    /// </summary>
    Normal,
}
