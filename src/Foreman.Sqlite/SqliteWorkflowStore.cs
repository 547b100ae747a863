using Foreman.Workflows.Storage;
using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// An embedded <see cref="IWorkflowStore"/> in one SQLite file: write-ahead logging, <c>synchronous=FULL</c> by
/// default, and group commit, so many workflows' step commits share each disk sync.
/// </summary>
/// <remarks>
/// <para>All writes go through one writer thread that batches them (see <see cref="IWorkflowStore"/> for the
/// contract; each caller's write is durable before its call returns). Reads use a small pool of read-only
/// connections and never wait for the writer. Several processes may open the same file: they serialize their write
/// transactions through SQLite's lock, waiting up to <see cref="SqliteWorkflowStoreOptions.BusyTimeout"/>.</para>
/// <para>Times are stored as UTC ticks: an instant round-trips exactly, its offset comes back as zero.</para>
/// <para>Call <see cref="InitializeAsync"/> once before anything else. Thread-safe.</para>
/// </remarks>
public sealed partial class SqliteWorkflowStore : IWorkflowStore
{
    private readonly SqliteDatabase _database;
    private readonly int _maxBatchSize;
    private readonly ReaderPool _readers;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private GroupCommitWriter? _writer;
    private WriterSession? _session;
    private volatile bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="SqliteWorkflowStore"/> class.</summary>
    /// <param name="options">The options; copied, so later changes have no effect.</param>
    public SqliteWorkflowStore(SqliteWorkflowStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReaderPoolSize, 1, nameof(options));
        if (!Enum.IsDefined(options.Synchronous))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Synchronous, "Unknown synchronous mode.");
        }

        DatabasePath = options.DatabasePath;
        _database = new SqliteDatabase(options.DatabasePath, options.Synchronous, options.BusyTimeout);
        _maxBatchSize = options.MaxBatchSize;
        _readers = new ReaderPool(_database, options.ReaderPoolSize);
    }

    /// <summary>Gets the path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Gets the number of batch transactions the writer has committed (group-commit telemetry for tests).</summary>
    internal long CommittedTransactions => _writer?.Transactions ?? 0;

    /// <summary>Gets the number of writes applied in committed transactions.</summary>
    internal long CommittedWrites => _writer?.Writes ?? 0;

    /// <summary>Gets the number of batches the writer has taken from its queue.</summary>
    internal long StartedBatches => _writer?.Batches ?? 0;

    /// <summary>Gets the journal mode and synchronous level the writer's connection reported at start-up.</summary>
    internal (string JournalMode, SqliteSynchronousMode Synchronous) DurabilitySettings { get; private set; }

    /// <inheritdoc />
    /// <remarks>
    /// Switches the file to WAL, sets and reads back <c>synchronous</c>, and applies schema migrations. Fails
    /// with <see cref="InvalidOperationException"/> when the file is not a usable database or WAL is unavailable.
    /// Calling it again does nothing.
    /// </remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            SqliteConnection? connection = null;
            try
            {
                connection = _database.OpenWriter();
                DurabilitySettings = _database.ReadDurability(connection);
                SqliteSchema.Migrate(connection, _database.Path);
                _session = new WriterSession(connection);
                connection = null;
            }
            catch (SqliteException exception) when (SqliteDatabase.IsNotADatabase(exception))
            {
                throw _database.NotADatabase(exception);
            }
            finally
            {
                connection?.Dispose();
            }

            _writer = new GroupCommitWriter(_session, _maxBatchSize, "Foreman SQLite writer");
            _writer.Start();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Applies the writes already queued, stops the writer and closes the database.</summary>
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
            if (_writer is not null)
            {
                await _writer.StopAsync();
            }

            _session?.Dispose();
            _readers.Dispose();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private GroupCommitWriter Writer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _writer ?? throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }

    private Task<T> Enqueue<T>(WriteOperation<T> operation)
    {
        if (!Writer.TryEnqueue(operation))
        {
            throw new ObjectDisposedException(GetType().FullName);
        }

        return operation.Task;
    }

    private void ThrowIfNotReady() => _ = Writer;
}
