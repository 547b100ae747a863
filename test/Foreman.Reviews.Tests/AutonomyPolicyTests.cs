using Foreman.Autonomy;

namespace Foreman.Reviews.Tests;

public sealed class AutonomyPolicyTests
{
    private static readonly AutonomyPolicy Policy = new(
    [
        new AutonomyRule { DecisionType = "purchase-order", AmountAbove = 10_000m, Level = AutonomyLevel.ProposalWithApproval },
        new AutonomyRule { DecisionType = "*", ConfidenceBelow = 0.6, Level = AutonomyLevel.AssistanceOnly },
        new AutonomyRule { DecisionType = "refund", Agent = "intern-bot", Level = AutonomyLevel.ProposalWithApproval },
    ], AutonomyLevel.Autonomous);

    [Fact]
    public void Resolve_PurchaseOrderOverThreshold_AlwaysNeedsApproval()
    {
        Policy.Resolve(new AutonomyRequest("purchase-order", 10_000.01m, 0.99)).ShouldBe(AutonomyLevel.ProposalWithApproval);

        // Even a type that earned full autonomy stays under the floor.
        Policy.Resolve(new AutonomyRequest("purchase-order", 25_000m, 0.99), new AutonomyStanding("purchase-order", AutonomyLevel.Autonomous, false))
            .ShouldBe(AutonomyLevel.ProposalWithApproval);
    }

    [Fact]
    public void Resolve_PurchaseOrderAtOrBelowThreshold_KeepsEarnedLevel()
    {
        Policy.Resolve(new AutonomyRequest("purchase-order", 10_000m, 0.99)).ShouldBe(AutonomyLevel.Autonomous);
        Policy.Resolve(new AutonomyRequest("purchase-order", null, 0.99)).ShouldBe(AutonomyLevel.Autonomous);
        Policy.Resolve(new AutonomyRequest("purchase-order", 500m, 0.99), new AutonomyStanding("purchase-order", AutonomyLevel.AutonomousWithAudit, false))
            .ShouldBe(AutonomyLevel.AutonomousWithAudit);
    }

    [Fact]
    public void Resolve_SeveralRulesMatch_StrictestWins()
    {
        // Over the threshold (level 2) and unsure (level 3): the stricter level 3 applies.
        Policy.Resolve(new AutonomyRequest("purchase-order", 50_000m, 0.4)).ShouldBe(AutonomyLevel.AssistanceOnly);
    }

    [Fact]
    public void Resolve_MissingConfidence_CountsAsLow()
    {
        Policy.Resolve(new AutonomyRequest("refund", 5m, null)).ShouldBe(AutonomyLevel.AssistanceOnly);
    }

    [Fact]
    public void Resolve_AgentSpecificRule_AppliesOnlyToThatAgent()
    {
        Policy.Resolve(new AutonomyRequest("refund", 5m, 0.9, "intern-bot")).ShouldBe(AutonomyLevel.ProposalWithApproval);
        Policy.Resolve(new AutonomyRequest("refund", 5m, 0.9, "senior-bot")).ShouldBe(AutonomyLevel.Autonomous);
    }

    [Fact]
    public void Resolve_Pinned_OverridesRulesAndRecord()
    {
        Policy.Resolve(new AutonomyRequest("purchase-order", 50_000m, 0.1), new AutonomyStanding("purchase-order", AutonomyLevel.Autonomous, true))
            .ShouldBe(AutonomyLevel.Autonomous);
    }

    [Fact]
    public void Resolve_NoTrackRecord_UsesInitialLevel()
    {
        new AutonomyPolicy([]).Resolve(new AutonomyRequest("anything")).ShouldBe(AutonomyLevel.ProposalWithApproval);
    }
}
