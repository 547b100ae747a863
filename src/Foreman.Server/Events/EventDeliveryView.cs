using Foreman.Workflows.Storage;

namespace Foreman.Server.Events;

/// <summary>What happened to a delivered event.</summary>
/// <param name="RunId">The run.</param>
/// <param name="EventName">The event.</param>
/// <param name="Status">Delivered, or duplicate (the idempotency key was seen before).</param>
internal sealed record EventDeliveryView(string RunId, string EventName, DeliveryStatus Status);
