namespace Foreman.Cli.Demo;

/// <summary>One pipeline's figures in the demo.</summary>
/// <param name="Pipeline">The workflow name.</param>
/// <param name="Title">Its title.</param>
/// <param name="Documents">Items processed.</param>
/// <param name="HandledWithoutHuman">Items finished without a person.</param>
/// <param name="HandledWithoutHumanPercent">The same, in percent.</param>
/// <param name="Escalated">Items handed to a person (left pending in the review queue).</param>
/// <param name="Failed">Runs that failed or were dead-lettered.</param>
/// <param name="Correct">Items handled without a person whose result matches the ground truth.</param>
/// <param name="AccuracyPercent">Correct over handled without a person, in percent.</param>
/// <param name="EscalatedRoutedCorrectlyPercent">Escalated items whose type or route was right, in percent.</param>
/// <param name="MeanCostPerDocument">Mean inference cost per item.</param>
/// <param name="Currency">The cost's currency.</param>
/// <param name="P50Ms">Median processing time, ms.</param>
/// <param name="P95Ms">95th percentile processing time, ms.</param>
/// <param name="WallSeconds">Wall time of the whole pipeline run, seconds.</param>
/// <param name="Consensus">The amount consensus figures, for pipelines that use one.</param>
internal sealed record DemoPipelineReport(
    string Pipeline,
    string Title,
    int Documents,
    int HandledWithoutHuman,
    double HandledWithoutHumanPercent,
    int Escalated,
    int Failed,
    int Correct,
    double AccuracyPercent,
    double EscalatedRoutedCorrectlyPercent,
    decimal MeanCostPerDocument,
    string Currency,
    double P50Ms,
    double P95Ms,
    double WallSeconds,
    DemoConsensusReport? Consensus);
