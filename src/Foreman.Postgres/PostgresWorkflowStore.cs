using Foreman.Workflows.Storage;
using Npgsql;

namespace Foreman.Postgres;

/// <summary>
/// An <see cref="IWorkflowStore"/> on PostgreSQL, for several worker processes on one or many machines sharing one
/// database. Workers claim runs with <c>FOR UPDATE SKIP LOCKED</c>, hold them with leases and write under a fencing
/// epoch; an idle worker is woken by LISTEN/NOTIFY (see <see cref="IWorkflowWakeSignal"/>).
/// </summary>
/// <remarks>
/// <para>Every write is one round trip: a single statement or a PL/pgSQL function that locks the run's row, checks
/// epoch and lifecycle, and writes, in one transaction. Durability is PostgreSQL's: a call returns after the commit
/// record is flushed, which is why <see cref="InitializeAsync"/> refuses a server with <c>synchronous_commit=off</c>.
/// Step commits that arrive together are sent together (one batch, one transaction, one WAL flush: group commit), and
/// concurrent transactions from many workers share WAL flushes inside the server.</para>
/// <para>Statements are auto-prepared on each pooled connection. Times are stored as UTC ticks: an instant
/// round-trips exactly, its offset comes back as zero.</para>
/// <para>Call <see cref="InitializeAsync"/> once before anything else. Thread-safe.</para>
/// </remarks>
public sealed partial class PostgresWorkflowStore : IWorkflowStore, IWorkflowWakeSignal
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresNames _names;
    private readonly PostgresStatements _sql;
    private readonly PostgresWakeListener? _listener;
    private readonly int _maxBatch;
    private PostgresStepCommitter? _steps;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="PostgresWorkflowStore"/> class.</summary>
    /// <param name="options">The options; copied, so later changes have no effect.</param>
    public PostgresWorkflowStore(PostgresWorkflowStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReconnectDelay, TimeSpan.Zero, nameof(options));
        _names = new PostgresNames(options.Schema);
        _sql = new PostgresStatements(_names);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        _maxBatch = options.MaxBatchSize;
        _dataSource = PostgresConnections.CreateDataSource(options.ConnectionString);
        if (options.ListenForWakeUps)
        {
            _listener = new PostgresWakeListener(PostgresConnections.ListenerConnectionString(options.ConnectionString), _names.Channel, options.ReconnectDelay);
        }
    }

    /// <summary>Gets the schema that holds the store's tables.</summary>
    public string Schema => _names.Schema;

    /// <summary>Gets the number of step-commit batches sent and of commits that shared a batch (group-commit telemetry for tests).</summary>
    internal (long Batches, long Grouped) GroupCommits => _steps is null ? (0, 0) : (_steps.Batches, _steps.Grouped);

    /// <summary>Gets the <c>synchronous_commit</c> setting the server reported at start-up.</summary>
    public string? SynchronousCommit { get; private set; }

    /// <inheritdoc />
    /// <remarks>
    /// Checks that commits are durable (<c>synchronous_commit</c> is not <c>off</c>), creates the schema or upgrades it
    /// (safe when several nodes start at once: they take turns under an advisory lock), and starts listening for
    /// wake-ups. Fails with <see cref="InvalidOperationException"/> when the database cannot hold the store. Calling it
    /// again does nothing.
    /// </remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initialized)
            {
                return;
            }

            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
            {
                SynchronousCommit = await PostgresConnections.RequireDurableCommitsAsync(connection, cancellationToken);
                await PostgresMigrator.MigrateAsync(connection, _names, "schema_version", PostgresSchema.Migrations, ["runs", "journal", "inbox"], cancellationToken);
            }

            _steps = _maxBatch > 1 ? new PostgresStepCommitter(_dataSource, _sql.CommitStep, _maxBatch) : null;
            _listener?.Start();
            _initialized = true;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Gets a task that completes once the wake-up listener listens (tests wait for it before notifying).</summary>
    internal Task Listening => _listener?.Listening ?? Task.CompletedTask;

    /// <inheritdoc />
    public IDisposable Subscribe(Action wake)
    {
        ArgumentNullException.ThrowIfNull(wake);
        ThrowIfNotReady();
        return _listener is null ? NoSubscription.Instance : _listener.Subscribe(wake);
    }

    /// <summary>Stops listening and closes the store's connections.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync(CancellationToken.None);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_steps is not null)
            {
                await _steps.DisposeAsync();
            }

            if (_listener is not null)
            {
                await _listener.DisposeAsync();
            }

            await _dataSource.DisposeAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private void ThrowIfNotReady()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }

    private NpgsqlCommand Command(string sql)
    {
        ThrowIfNotReady();
        return new NpgsqlCommand(sql);
    }

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
