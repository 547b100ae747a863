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

        var createdAt = run.CreatedAt.ToUniversalTime();
        return (new RunRecord
        {
            RunId = run.RunId,
            Workflow = run.Workflow,
            Input = run.Input,
            Status = RunStatus.Pending,
            Version = 1,
            Epoch = 0,
            IdempotencyKey = run.IdempotencyKey,
            ParentRunId = run.ParentRunId,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        }, true);
    }
}
