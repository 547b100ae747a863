using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Tools;

namespace Foreman.Tests.Agents;

public sealed class AgentCreateTests
{
    private static ForemanTool[] Tools(int count) => [.. Enumerable.Range(1, count).Select(i => ToolProbe.Lookup($"tool_{i}").Tool)];

    [Fact]
    public void Create_TwentyOneTools_ThrowsAgentConfigurationException()
    {
        var exception = Should.Throw<AgentConfigurationException>(() => TestAgents.Create(Tools(21)));

        exception.Problems.ShouldHaveSingleItem().ShouldContain("21 tools; the limit is 20");
        exception.Message.ShouldContain("order-support");
    }

    [Theory]
    [InlineData(15, 0)]
    [InlineData(16, 1)]
    [InlineData(20, 1)]
    public void Create_ToolCount_WarnsAboveFifteen(int tools, int warnings)
    {
        var agent = TestAgents.Create(Tools(tools));

        agent.Tools.Count.ShouldBe(tools);
        agent.Warnings.Count.ShouldBe(warnings);
        if (warnings > 0)
        {
            agent.Warnings[0].ShouldContain($"{tools} tools");
        }
    }

    [Fact]
    public void Create_InvalidLimitsAndName_EveryProblemListed()
    {
        var options = TestAgents.Options();
        options.Name = "order support!";
        options.Limits = new AgentLimits
        {
            MaxIterations = 0,
            MaxToolCalls = -1,
            MaxTokens = 0,
            MaxCost = -1m,
            MaxDuration = TimeSpan.Zero,
            AlertThreshold = 1.5,
        };

        var exception = Should.Throw<AgentConfigurationException>(() => Agent.Create(options));

        exception.Problems.Count.ShouldBe(7);
        exception.Problems[0].ShouldStartWith("Name must be");
        exception.Problems.Skip(1).ShouldBe(
        [
            "MaxIterations must be at least 1.",
            "MaxToolCalls must not be negative.",
            "MaxTokens must be at least 1.",
            "MaxCost must not be negative.",
            "MaxDuration must be positive.",
            "AlertThreshold must be in (0, 1].",
        ]);
        foreach (var problem in exception.Problems)
        {
            exception.Message.ShouldContain(problem);
        }
    }

    [Fact]
    public void Create_NullLimits_Rejected()
    {
        var options = TestAgents.Options();
        options.Limits = null!;

        Should.Throw<AgentConfigurationException>(() => Agent.Create(options)).Problems.ShouldBe(["Limits must be set."]);
    }

    [Fact]
    public void Create_GroundedFieldsWithoutSchemaOrWithABadPointer_Rejected()
    {
        var options = TestAgents.Options();
        options.OutputSchema = null;
        options.GroundedFields.Add(new GroundedField("order_number"));

        var exception = Should.Throw<AgentConfigurationException>(() => Agent.Create(options));

        exception.Problems.Count.ShouldBe(2);
        exception.Problems.ShouldContain(p => p.Contains("need an output schema"));
        exception.Problems.ShouldContain(p => p.Contains("'order_number' is not a JSON Pointer"));
    }

    [Fact]
    public void Create_DuplicateToolNames_Rejected()
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool, ToolProbe.Lookup().Tool);

        Should.Throw<AgentConfigurationException>(() => Agent.Create(options)).Problems.ShouldBe(["Two tools are named 'lookup'."]);
    }

    [Fact]
    public void Create_OptionsChangedAfterwards_AgentKeepsTheValuesItWasBuiltWith()
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool);
        var agent = Agent.Create(options);

        options.Limits.MaxIterations = 50;
        options.Limits.Fallback = BudgetFallback.GracefulDecline;
        options.Tools.Add(ToolProbe.Lookup("list_orders").Tool);
        options.InputGuardrails.Add(new ThrowingGuardrail(() => new InvalidOperationException()));
        options.Model = "o3";

        agent.Limits.MaxIterations.ShouldBe(5);
        agent.Limits.Fallback.ShouldBe(BudgetFallback.Escalate);
        agent.Tools.Names.ShouldBe(["lookup"]);
        agent.InputGuardrails.ShouldBeEmpty();
        agent.Model.ShouldBe(TestAgents.ModelId);
    }

    [Fact]
    public void Create_InvalidLoopSettings_Rejected()
    {
        var options = TestAgents.Options();
        options.MaxIdenticalCalls = 1;
        options.RequestsPerMinute = 0;

        var exception = Should.Throw<AgentConfigurationException>(() => Agent.Create(options));

        exception.Problems.Count.ShouldBe(2);
    }
}
