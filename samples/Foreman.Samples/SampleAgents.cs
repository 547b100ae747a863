using Foreman.Samples.Invoices;
using Foreman.Samples.Refunds;
using Foreman.Samples.Tickets;

namespace Foreman.Samples;

/// <summary>The sample agents shipped with Foreman.</summary>
public static class SampleAgents
{
    /// <summary>Gets every sample agent, by name.</summary>
    public static IReadOnlyList<SampleAgent> All { get; } =
    [
        InvoiceExtractor.Sample,
        TicketTriage.Sample,
        RefundAgent.Sample,
    ];

    /// <summary>Finds a sample by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The sample, or <see langword="null"/>.</returns>
    public static SampleAgent? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
