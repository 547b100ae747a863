using System.Globalization;
using Foreman.Guardrails;

namespace Foreman.Tests.Guardrails;

public sealed class BusinessRuleGuardrailTests
{
    private static readonly BusinessRuleGuardrail RefundLimit = new("refund-limit", input =>
        input.Metadata.TryGetValue("refund_amount", out var raw) && decimal.Parse(raw, CultureInfo.InvariantCulture) > 500m && !input.Metadata.ContainsKey("manager_ticket")
            ? "Refunds over 500 need a manager's ticket."
            : null);

    [Fact]
    public void Evaluate_RuleReturnsNull_Passes()
    {
        RefundLimit.Evaluate("Refund order 42", Metadata(("refund_amount", "120.00"))).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_RuleReturnsAReason_RejectsWithTheRuleNameDefaultCodeAndReason()
    {
        var rejection = RefundLimit.Evaluate("Refund order 42", Metadata(("refund_amount", "900.00"))).Rejection.ShouldNotBeNull();

        rejection.Guardrail.ShouldBe("refund-limit");
        rejection.Code.ShouldBe("business_rule");
        rejection.Reason.ShouldBe("Refunds over 500 need a manager's ticket.");
    }

    [Fact]
    public void Evaluate_RuleSeesTheMetadata()
    {
        RefundLimit.Evaluate("Refund order 42", Metadata(("refund_amount", "900.00"), ("manager_ticket", "MGR-7"))).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_CustomCode_IsReported()
    {
        var guardrail = new BusinessRuleGuardrail("eu-only", input => input.Input.Contains("ship to US", StringComparison.OrdinalIgnoreCase) ? "We ship within the EU only." : null, "region");

        guardrail.Name.ShouldBe("eu-only");
        guardrail.Evaluate("Please ship to US").Rejection.ShouldNotBeNull().Code.ShouldBe("region");
        guardrail.Evaluate("Please ship to Lyon").Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_RuleSeesTheAgentAndInput()
    {
        GuardrailInput? seen = null;
        var guardrail = new BusinessRuleGuardrail("spy", input =>
        {
            seen = input;
            return null;
        });

        guardrail.Evaluate("hello");

        seen.ShouldNotBeNull().AgentName.ShouldBe("support-agent");
        seen.Input.ShouldBe("hello");
    }

    private static Dictionary<string, string> Metadata(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
