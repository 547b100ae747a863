namespace Foreman.Workflows.Storage;

/// <summary>An event delivered to a run and not yet consumed.</summary>
/// <param name="Id">The store's id, increasing in delivery order.</param>
/// <param name="RunId">The run.</param>
/// <param name="Name">The event name the workflow waits for (for example <c>approval</c> or <c>child:run_…</c>).</param>
/// <param name="Payload">The payload as JSON text.</param>
/// <param name="DedupeKey">The sender's key; a second delivery with the same key is ignored.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record InboxEvent(long Id, string RunId, string Name, string Payload, string? DedupeKey, DateTimeOffset ReceivedAt);
