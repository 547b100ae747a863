namespace Foreman.Sqlite;

/// <summary>The alert store's tables, versioned in <c>alert_schema_version</c>.</summary>
internal static class SqliteAlertSchema
{
    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "alerts", """
            CREATE TABLE alerts (
                alert_id     TEXT    NOT NULL PRIMARY KEY,
                rule         TEXT    NOT NULL,
                subject      TEXT    NOT NULL,
                fingerprint  TEXT    NOT NULL,
                severity     INTEGER NOT NULL,
                message      TEXT    NOT NULL,
                value        REAL    NOT NULL,
                threshold    REAL    NOT NULL,
                state        TEXT    NOT NULL,
                fired_at     INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL,
                occurrences  INTEGER NOT NULL,
                resolved_at  INTEGER NULL,
                notified_at  INTEGER NULL
            );
            -- At most one firing alert per condition: the deduplication rule, enforced by the database.
            CREATE UNIQUE INDEX ux_alerts_firing ON alerts (fingerprint) WHERE state = 'firing';
            CREATE INDEX ix_alerts_fired ON alerts (fired_at);
            """),
    ];
}
