using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Claims ready runs for a worker.</summary>
internal sealed class ClaimOperation(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken)
    : WriteOperation<IReadOnlyList<RunRecord>>(cancellationToken)
{
    protected override IReadOnlyList<RunRecord> Execute(WriterSession session)
    {
        var at = StoredFormats.Time(now);
        var expiresAt = StoredFormats.Time(now + leaseDuration);
        var ids = session.FindClaimable(maxRuns, at);
        if (ids.Count == 0)
        {
            return [];
        }

        var claimed = new RunRecord[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            claimed[i] = session.ClaimRun(ids[i], workerId, expiresAt, at);
        }

        return claimed;
    }
}
