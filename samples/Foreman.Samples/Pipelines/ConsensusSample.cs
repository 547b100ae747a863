namespace Foreman.Samples.Pipelines;

/// <summary>One document's amount consensus measured against ground truth.</summary>
/// <param name="Readings">Instance readings produced.</param>
/// <param name="WrongReadings">Readings that differ from the true amount.</param>
/// <param name="Agreed">Whether the consensus agreed on a value (otherwise it escalated).</param>
/// <param name="AgreedWrong">Whether the agreed value is wrong.</param>
/// <param name="ConsensusCost">The inference cost of all instances.</param>
/// <param name="MeanInstanceCost">The mean inference cost of one instance: what a single reader would have cost.</param>
public sealed record ConsensusSample(int Readings, int WrongReadings, bool Agreed, bool AgreedWrong, decimal ConsensusCost, decimal MeanInstanceCost)
{
    /// <summary>Measures an amount reading against the true amount.</summary>
    /// <param name="reading">The reading.</param>
    /// <param name="truth">The true amount.</param>
    /// <returns>The sample, or <see langword="null"/> when no consensus ran.</returns>
    public static ConsensusSample? Measure(AmountReading? reading, decimal truth) =>
        reading is null || reading.Readings.Count == 0 ? null : new ConsensusSample(
            reading.Readings.Count(r => r is not null),
            reading.Readings.Count(r => r is not null && r != truth),
            reading.Agreement > 0.5,
            reading.Agreement > 0.5 && reading.Total != truth,
            reading.Costs.Sum(),
            reading.Costs.Count == 0 ? 0 : reading.Costs.Average());
}
