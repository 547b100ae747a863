namespace Foreman.Cli.Demo;

/// <summary>The amount consensus of a pipeline, measured against ground truth.</summary>
/// <param name="Documents">Documents whose amount went through the consensus.</param>
/// <param name="Readings">Instance readings produced.</param>
/// <param name="PerInstanceErrorRate">Share of instance readings that are wrong: what one reader alone would get wrong.</param>
/// <param name="AgreedWrong">Documents whose agreed amount is wrong.</param>
/// <param name="MajorityErrorRate">Share of documents whose agreed amount is wrong.</param>
/// <param name="NoMajorityRate">Share of documents without a majority (escalated to a person).</param>
/// <param name="MeanInstanceCost">Mean inference cost of one reader per document.</param>
/// <param name="MeanConsensusCost">Mean inference cost of all readers per document.</param>
/// <param name="CostRatio">Consensus cost over single-reader cost.</param>
internal sealed record DemoConsensusReport(int Documents, int Readings, double PerInstanceErrorRate, int AgreedWrong, double MajorityErrorRate, double NoMajorityRate, decimal MeanInstanceCost, decimal MeanConsensusCost, double CostRatio);
