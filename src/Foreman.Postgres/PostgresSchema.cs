namespace Foreman.Postgres;

/// <summary>
/// Versioned schema migrations. <c>{s}</c> in the SQL stands for the quoted schema name and <c>{channel}</c> for the
/// wake-up channel. Never edit a published migration: append a new one.
/// </summary>
/// <remarks>
/// Times are <c>bigint</c> UTC ticks, as in the SQLite store: an instant round-trips exactly (timestamptz keeps
/// microseconds and would move a recorded time the engine compares). The writes that must check and change a run
/// atomically are PL/pgSQL functions, so each costs one round trip and holds the run's row lock for microseconds.
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>The migrations, in order.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "runs, journal, inbox and the write functions", """
            CREATE TABLE {s}.runs (
                run_id           text    NOT NULL PRIMARY KEY,
                workflow         text    NOT NULL,
                input            text    NOT NULL,
                status           text    NOT NULL,
                version          bigint  NOT NULL,
                epoch            bigint  NOT NULL,
                idempotency_key  text    NULL UNIQUE,
                lease_owner      text    NULL,
                lease_expires_at bigint  NULL,
                wake_at          bigint  NULL,
                waiting_for      text[]  NULL,
                parent_run_id    text    NULL,
                output           text    NULL,
                error            text    NULL,
                business_state   text    NULL,
                claims           integer NOT NULL DEFAULT 0,
                created_at       bigint  NOT NULL,
                updated_at       bigint  NOT NULL,
                -- When the run becomes claimable: pending since, wake time, or lease expiry; NULL otherwise.
                due_at           bigint  NULL
            );
            CREATE INDEX ix_runs_due ON {s}.runs (due_at, run_id) WHERE due_at IS NOT NULL;
            CREATE INDEX ix_runs_pending ON {s}.runs (due_at, run_id) WHERE status = 'pending';
            CREATE INDEX ix_runs_waiting ON {s}.runs (due_at) WHERE status = 'waiting' AND due_at IS NOT NULL;
            CREATE INDEX ix_runs_created ON {s}.runs (created_at, run_id);
            CREATE INDEX ix_runs_status_created ON {s}.runs (status, created_at, run_id);
            CREATE INDEX ix_runs_workflow_created ON {s}.runs (workflow, created_at, run_id);

            CREATE TABLE {s}.journal (
                run_id      text    NOT NULL,
                seq         integer NOT NULL,
                key         text    NOT NULL,
                kind        text    NOT NULL,
                name        text    NOT NULL,
                state       text    NOT NULL,
                payload     text    NULL,
                attempts    integer NOT NULL DEFAULT 0,
                due_at      bigint  NULL,
                recorded_at bigint  NOT NULL,
                PRIMARY KEY (run_id, seq)
            );

            CREATE TABLE {s}.inbox (
                id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_id      text    NOT NULL,
                name        text    NOT NULL,
                payload     text    NOT NULL,
                dedupe_key  text    NULL,
                received_at bigint  NOT NULL,
                -- Consumed events stay (hidden) so their dedupe keys keep refusing redeliveries.
                consumed_at bigint  NULL,
                UNIQUE (run_id, dedupe_key)
            );
            CREATE INDEX ix_inbox_unconsumed ON {s}.inbox (run_id, name) WHERE consumed_at IS NULL;

            -- Delivery status codes follow DeliveryStatus: 0 delivered, 1 duplicate, 2 not found, 3 run finished.
            CREATE FUNCTION {s}.deliver_event(p_run_id text, p_name text, p_payload text, p_dedupe text, p_now bigint)
            RETURNS integer LANGUAGE plpgsql AS $fn$
            DECLARE
                v_status text;
                v_waits  boolean;
            BEGIN
                SELECT r.status, coalesce(p_name = ANY (r.waiting_for), false) INTO v_status, v_waits
                FROM {s}.runs r WHERE r.run_id = p_run_id FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN 2;
                END IF;
                IF v_status IN ('completed', 'failed', 'cancelled') THEN
                    -- A sender retrying a delivery that succeeded before the run finished learns it was a duplicate.
                    IF p_dedupe IS NOT NULL AND EXISTS (SELECT 1 FROM {s}.inbox WHERE run_id = p_run_id AND dedupe_key = p_dedupe) THEN
                        RETURN 1;
                    END IF;
                    RETURN 3;
                END IF;
                INSERT INTO {s}.inbox (run_id, name, payload, dedupe_key, received_at)
                VALUES (p_run_id, p_name, p_payload, p_dedupe, p_now)
                ON CONFLICT (run_id, dedupe_key) DO NOTHING;
                IF NOT FOUND THEN
                    RETURN 1;
                END IF;
                IF v_status = 'waiting' AND v_waits THEN
                    UPDATE {s}.runs SET status = 'pending', version = version + 1, updated_at = p_now, lease_owner = NULL,
                        lease_expires_at = NULL, wake_at = NULL, waiting_for = NULL, output = NULL, error = NULL, due_at = p_now
                    WHERE run_id = p_run_id;
                    PERFORM pg_notify('{channel}', '');
                END IF;
                RETURN 0;
            END
            $fn$;

            -- Commit status codes follow CommitStatus: 0 committed, 1 fenced, 2 invalid transition, 3 not found.
            CREATE FUNCTION {s}.commit_run(
                p_run_id text, p_epoch bigint, p_at bigint, p_business_state text,
                p_target text, p_allowed boolean, p_wake_at bigint, p_waiting_for text[], p_output text, p_error text, p_child_event text,
                p_seq integer[], p_key text[], p_kind text[], p_name text[], p_state text[], p_payload text[], p_attempts integer[],
                p_due bigint[], p_recorded bigint[], p_consumed bigint[],
                OUT code integer, OUT new_version bigint, OUT new_status text)
            LANGUAGE plpgsql AS $fn$
            DECLARE
                v_status  text;
                v_epoch   bigint;
                v_version bigint;
                v_parent  text;
            BEGIN
                SELECT r.status, r.epoch, r.version, r.parent_run_id INTO v_status, v_epoch, v_version, v_parent
                FROM {s}.runs r WHERE r.run_id = p_run_id FOR UPDATE;
                IF NOT FOUND THEN
                    code := 3; new_version := 0; new_status := 'pending';
                    RETURN;
                END IF;
                IF v_epoch <> p_epoch THEN
                    code := 1; new_version := v_version; new_status := v_status;
                    RETURN;
                END IF;
                -- Only the holder of a running run commits.
                IF v_status <> 'running' OR NOT p_allowed THEN
                    code := 2; new_version := v_version; new_status := v_status;
                    RETURN;
                END IF;

                IF cardinality(p_seq) > 0 THEN
                    INSERT INTO {s}.journal AS j (run_id, seq, key, kind, name, state, payload, attempts, due_at, recorded_at)
                    SELECT p_run_id, e.* FROM unnest(p_seq, p_key, p_kind, p_name, p_state, p_payload, p_attempts, p_due, p_recorded) AS e
                    ON CONFLICT (run_id, seq) DO UPDATE SET key = excluded.key, kind = excluded.kind, name = excluded.name,
                        state = excluded.state, payload = excluded.payload, attempts = excluded.attempts, due_at = excluded.due_at,
                        recorded_at = excluded.recorded_at;
                END IF;
                IF cardinality(p_consumed) > 0 THEN
                    UPDATE {s}.inbox SET consumed_at = p_at WHERE run_id = p_run_id AND id = ANY (p_consumed) AND consumed_at IS NULL;
                END IF;

                code := 0;
                new_version := v_version + 1;
                IF p_target IS NULL OR p_target = 'running' THEN
                    UPDATE {s}.runs SET version = version + 1, updated_at = p_at, business_state = coalesce(p_business_state, business_state)
                    WHERE run_id = p_run_id;
                    new_status := 'running';
                    RETURN;
                END IF;

                new_status := p_target;
                -- An event that arrived while the run executed would never wake a run parked now: make it pending.
                IF p_target = 'waiting' AND cardinality(p_waiting_for) > 0 AND EXISTS (
                    SELECT 1 FROM {s}.inbox WHERE run_id = p_run_id AND consumed_at IS NULL AND name = ANY (p_waiting_for)) THEN
                    new_status := 'pending';
                END IF;

                UPDATE {s}.runs SET status = new_status, version = version + 1, updated_at = p_at,
                    business_state = coalesce(p_business_state, business_state), lease_owner = NULL, lease_expires_at = NULL,
                    wake_at = CASE WHEN new_status = 'waiting' THEN p_wake_at END,
                    waiting_for = CASE WHEN new_status = 'waiting' AND cardinality(p_waiting_for) > 0 THEN p_waiting_for END,
                    output = CASE WHEN new_status IN ('pending', 'waiting') THEN NULL ELSE p_output END,
                    error = CASE WHEN new_status IN ('pending', 'waiting') THEN NULL ELSE p_error END,
                    due_at = CASE new_status WHEN 'pending' THEN p_at WHEN 'waiting' THEN p_wake_at END
                WHERE run_id = p_run_id;

                IF new_status = 'pending' THEN
                    PERFORM pg_notify('{channel}', '');
                END IF;
                IF v_parent IS NOT NULL AND new_status IN ('completed', 'failed', 'cancelled', 'dead_lettered') THEN
                    PERFORM {s}.deliver_event(v_parent, 'child:' || p_run_id, p_child_event, NULL, p_at);
                END IF;
            END
            $fn$;

            CREATE FUNCTION {s}.cancel_run(p_run_id text, p_from text[], p_error text, p_child_event text, p_now bigint)
            RETURNS integer LANGUAGE plpgsql AS $fn$
            DECLARE
                v_status text;
                v_parent text;
            BEGIN
                SELECT r.status, r.parent_run_id INTO v_status, v_parent FROM {s}.runs r WHERE r.run_id = p_run_id FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN 3;
                END IF;
                IF NOT (v_status = ANY (p_from)) THEN
                    RETURN 2;
                END IF;
                -- The epoch moves on so the worker executing the run is fenced.
                UPDATE {s}.runs SET status = 'cancelled', epoch = epoch + 1, version = version + 1, updated_at = p_now, error = p_error,
                    lease_owner = NULL, lease_expires_at = NULL, wake_at = NULL, waiting_for = NULL, due_at = NULL
                WHERE run_id = p_run_id;
                IF v_parent IS NOT NULL THEN
                    PERFORM {s}.deliver_event(v_parent, 'child:' || p_run_id, p_child_event, NULL, p_now);
                END IF;
                RETURN 0;
            END
            $fn$;

            CREATE FUNCTION {s}.requeue_run(p_run_id text, p_now bigint)
            RETURNS integer LANGUAGE plpgsql AS $fn$
            DECLARE
                v_status text;
            BEGIN
                SELECT r.status INTO v_status FROM {s}.runs r WHERE r.run_id = p_run_id FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN 3;
                END IF;
                IF v_status NOT IN ('dead_lettered', 'suspended') THEN
                    RETURN 2;
                END IF;
                DELETE FROM {s}.journal WHERE run_id = p_run_id AND state = 'failed';
                UPDATE {s}.runs SET status = 'pending', version = version + 1, updated_at = p_now, lease_owner = NULL,
                    lease_expires_at = NULL, wake_at = NULL, waiting_for = NULL, output = NULL, error = NULL, due_at = p_now
                WHERE run_id = p_run_id;
                PERFORM pg_notify('{channel}', '');
                RETURN 0;
            END
            $fn$;

            CREATE FUNCTION {s}.renew_lease(p_run_id text, p_epoch bigint, p_expires bigint)
            RETURNS integer LANGUAGE plpgsql AS $fn$
            BEGIN
                -- Only a running run's current epoch holds a lease.
                UPDATE {s}.runs SET lease_expires_at = p_expires, due_at = p_expires, version = version + 1
                WHERE run_id = p_run_id AND epoch = p_epoch AND status = 'running';
                IF FOUND THEN
                    RETURN 0;
                END IF;
                IF EXISTS (SELECT 1 FROM {s}.runs WHERE run_id = p_run_id) THEN
                    RETURN 1;
                END IF;
                RETURN 3;
            END
            $fn$;

            CREATE FUNCTION {s}.create_run(p_run_id text, p_workflow text, p_input text, p_key text, p_parent text, p_created bigint)
            RETURNS boolean LANGUAGE plpgsql AS $fn$
            BEGIN
                INSERT INTO {s}.runs (run_id, workflow, input, status, version, epoch, idempotency_key, parent_run_id, claims, created_at, updated_at, due_at)
                VALUES (p_run_id, p_workflow, p_input, 'pending', 1, 0, p_key, p_parent, 0, p_created, p_created, p_created)
                ON CONFLICT DO NOTHING;
                IF FOUND THEN
                    PERFORM pg_notify('{channel}', '');
                    RETURN true;
                END IF;
                RETURN false;
            END
            $fn$;
            """),
        (2, "single-step commit fast path", """
            -- The commit a step makes (one journal entry, nothing consumed, the run stays running) is most of a run's
            -- writes: scalar arguments and one guarded UPDATE instead of arrays and a lock-then-write.
            CREATE FUNCTION {s}.commit_step(
                p_run_id text, p_epoch bigint, p_at bigint, p_business_state text,
                p_seq integer, p_key text, p_kind text, p_name text, p_state text, p_payload text, p_attempts integer,
                p_due bigint, p_recorded bigint,
                OUT code integer, OUT new_version bigint, OUT new_status text)
            LANGUAGE plpgsql AS $fn$
            DECLARE
                v_epoch bigint;
            BEGIN
                UPDATE {s}.runs SET version = version + 1, updated_at = p_at, business_state = coalesce(p_business_state, business_state)
                WHERE run_id = p_run_id AND epoch = p_epoch AND status = 'running'
                RETURNING version, status INTO new_version, new_status;
                IF NOT FOUND THEN
                    -- Refused: say why, as commit_run does (the row is not locked; the answer is only a report).
                    SELECT r.epoch, r.version, r.status INTO v_epoch, new_version, new_status FROM {s}.runs r WHERE r.run_id = p_run_id;
                    IF NOT FOUND THEN
                        code := 3; new_version := 0; new_status := 'pending';
                    ELSIF v_epoch <> p_epoch THEN
                        code := 1;
                    ELSE
                        code := 2;
                    END IF;
                    RETURN;
                END IF;
                INSERT INTO {s}.journal (run_id, seq, key, kind, name, state, payload, attempts, due_at, recorded_at)
                VALUES (p_run_id, p_seq, p_key, p_kind, p_name, p_state, p_payload, p_attempts, p_due, p_recorded)
                ON CONFLICT (run_id, seq) DO UPDATE SET key = excluded.key, kind = excluded.kind, name = excluded.name,
                    state = excluded.state, payload = excluded.payload, attempts = excluded.attempts, due_at = excluded.due_at,
                    recorded_at = excluded.recorded_at;
                code := 0;
            END
            $fn$;
            """),
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int LatestVersion => Migrations[^1].Version;
}
