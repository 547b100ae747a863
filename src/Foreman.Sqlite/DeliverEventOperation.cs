using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Delivers an event to a run's inbox, waking the run if it waits for it.</summary>
internal sealed class DeliverEventOperation(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken)
    : WriteOperation<DeliveryStatus>(cancellationToken)
{
    protected override DeliveryStatus Execute(WriterSession session) =>
        session.Deliver(runId, name, payload, dedupeKey, StoredFormats.Time(now));
}
