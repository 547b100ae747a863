using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Creates a run, or finds the one with the same idempotency key.</summary>
internal sealed class CreateRunOperation(NewRun run, CancellationToken cancellationToken)
    : WriteOperation<(RunRecord Run, bool Created)>(cancellationToken)
{
    protected override (RunRecord Run, bool Created) Execute(WriterSession session)
    {
        if (run.IdempotencyKey is { } key && session.FindRunByIdempotencyKey(key) is { } existing)
        {
            return (existing, false);
        }

        if (!session.InsertRun(run))
        {
            throw new InvalidOperationException($"A run with id '{run.RunId}' already exists; run ids must be unique.");
        }

        return (StoredRows.Created(run, run.CreatedAt.ToUniversalTime()), true);
    }
}
