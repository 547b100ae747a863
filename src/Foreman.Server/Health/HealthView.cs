namespace Foreman.Server.Health;

/// <summary>The probe's answer.</summary>
/// <param name="Status"><c>ok</c>, or what is wrong.</param>
internal sealed record HealthView(string Status);
