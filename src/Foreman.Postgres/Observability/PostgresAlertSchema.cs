namespace Foreman.Postgres;

/// <summary>The alert store's table, versioned in its own <c>alert_schema_version</c> table; the SQLite store's layout.</summary>
internal static class PostgresAlertSchema
{
    /// <summary>The tables the migrations create.</summary>
    public static readonly string[] Tables = ["alerts"];

    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "alerts", """
            CREATE TABLE {s}.alerts (
                alert_id     text             NOT NULL PRIMARY KEY,
                rule         text             NOT NULL,
                subject      text             NOT NULL,
                fingerprint  text             NOT NULL,
                severity     integer          NOT NULL,
                message      text             NOT NULL,
                value        double precision NOT NULL,
                threshold    double precision NOT NULL,
                state        text             NOT NULL,
                fired_at     bigint           NOT NULL,
                last_seen_at bigint           NOT NULL,
                occurrences  integer          NOT NULL,
                resolved_at  bigint           NULL,
                notified_at  bigint           NULL
            );
            -- At most one firing alert per condition: the deduplication rule, enforced by the database for every
            -- server that evaluates the rules.
            CREATE UNIQUE INDEX ux_alerts_firing ON {s}.alerts (fingerprint) WHERE state = 'firing';
            CREATE INDEX ix_alerts_fired ON {s}.alerts (fired_at);
            """),
    ];
}
