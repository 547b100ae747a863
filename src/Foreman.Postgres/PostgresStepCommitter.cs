using System.Threading.Channels;
using Foreman.Sqlite;
using Foreman.Workflows.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Foreman.Postgres;

/// <summary>
/// Group commit for step commits: the step commits that arrive while a batch is on its way to the server go together
/// in the next one (one <see cref="NpgsqlBatch"/>, one round trip, one transaction, one WAL flush). A caller's commit is
/// durable before its call returns, as with a commit of its own.
/// </summary>
/// <remarks>
/// <para>One loop sends batches one after another, so under load each batch holds everything that queued during the
/// previous one; a lone commit goes out at once, alone. Items are sent in run-id order, so two batches never wait for
/// each other's rows in opposite orders.</para>
/// <para>A batch that fails with a server error (a deadlock with another writer, say) rolled back as a whole; its
/// commits are then sent one by one, so only a commit that fails on its own fails. A connection failure fails every
/// commit of the batch: whether it landed is unknown, exactly as for a single commit (the engine abandons the
/// execution and resumes the run from its journal).</para>
/// </remarks>
internal sealed class PostgresStepCommitter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _sql;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public PostgresStepCommitter(NpgsqlDataSource dataSource, string sql, int maxBatch)
    {
        _dataSource = dataSource;
        _sql = sql;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Gets the number of batches sent (telemetry for tests).</summary>
    public long Batches { get; private set; }

    /// <summary>Gets the number of commits sent in batches of more than one.</summary>
    public long Grouped { get; private set; }

    public async Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        var pending = new Pending(commit);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresWorkflowStore));
        }

        return await pending.Result.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>The 13 arguments of <c>commit_step</c>.</summary>
    public static void AddParameters(NpgsqlParameterCollection parameters, RunCommit commit)
    {
        var entry = commit.Entries[0];
        Add(parameters, NpgsqlDbType.Text, commit.RunId);
        Add(parameters, NpgsqlDbType.Bigint, commit.Epoch);
        Add(parameters, NpgsqlDbType.Bigint, StoredFormats.Time(commit.At));
        Add(parameters, NpgsqlDbType.Text, commit.BusinessState);
        Add(parameters, NpgsqlDbType.Integer, entry.Sequence);
        Add(parameters, NpgsqlDbType.Text, entry.Key);
        Add(parameters, NpgsqlDbType.Text, StoredFormats.Kind(entry.Kind));
        Add(parameters, NpgsqlDbType.Text, entry.Name);
        Add(parameters, NpgsqlDbType.Text, StoredFormats.State(entry.State));
        Add(parameters, NpgsqlDbType.Text, entry.Payload);
        Add(parameters, NpgsqlDbType.Integer, entry.Attempts);
        Add(parameters, NpgsqlDbType.Bigint, entry.DueAt is { } due ? StoredFormats.Time(due) : null);
        Add(parameters, NpgsqlDbType.Bigint, StoredFormats.Time(entry.RecordedAt));
    }

    private static void Add(NpgsqlParameterCollection parameters, NpgsqlDbType type, object? value) =>
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });

    private static CommitResult Read(NpgsqlDataReader row) =>
        new((CommitStatus)row.GetInt32(0), row.GetInt64(1), StoredFormats.ParseStatus(row.GetString(2)));

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 1)
            {
                await SendAloneAsync(batch[0]);
            }
            else
            {
                await SendTogetherAsync(batch);
            }
        }
    }

    private async Task SendAloneAsync(Pending item)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(_sql);
            AddParameters(command.Parameters, item.Commit);
            await using var row = await command.ExecuteReaderAsync(CancellationToken.None);
            await row.ReadAsync(CancellationToken.None);
            item.Result.TrySetResult(Read(row));
            Batches++;
        }
#pragma warning disable CA1031 // The failure belongs to the caller, who gets it as the result of its commit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            item.Result.TrySetException(ex);
        }
    }

    private async Task SendTogetherAsync(List<Pending> items)
    {
        items.Sort(static (a, b) => string.CompareOrdinal(a.Commit.RunId, b.Commit.RunId));
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var item in items)
            {
                var command = new NpgsqlBatchCommand(_sql);
                AddParameters(command.Parameters, item.Commit);
                batch.BatchCommands.Add(command);
            }

            // Without an explicit transaction, a batch runs in one implicit transaction: all of it commits, or none.
            var results = new CommitResult[items.Count];
            await using (var row = await batch.ExecuteReaderAsync(CancellationToken.None))
            {
                for (var i = 0; i < items.Count; i++)
                {
                    await row.ReadAsync(CancellationToken.None);
                    results[i] = Read(row);
                    await row.NextResultAsync(CancellationToken.None);
                }
            }

            for (var i = 0; i < items.Count; i++)
            {
                items[i].Result.TrySetResult(results[i]);
            }

            Batches++;
            Grouped += items.Count;
        }
        catch (PostgresException)
        {
            // The server refused one statement and rolled the batch back: send each alone, so only that one fails.
            foreach (var item in items)
            {
                await SendAloneAsync(item);
            }
        }
#pragma warning disable CA1031 // A lost connection fails every commit of the batch; each caller gets the error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var item in items)
            {
                item.Result.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(RunCommit commit)
    {
        public RunCommit Commit { get; } = commit;

        public TaskCompletionSource<CommitResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
