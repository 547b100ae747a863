using Foreman.Guardrails;

namespace Foreman.Tests.Guardrails;

public sealed class InputSizeGuardrailTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t\r\n")]
    public void Evaluate_EmptyOrWhiteSpace_IsRejectedAsEmpty(string text)
    {
        var rejection = new InputSizeGuardrail().Evaluate(text).Rejection.ShouldNotBeNull();

        rejection.Code.ShouldBe("empty_input");
        rejection.Guardrail.ShouldBe("input-size");
    }

    [Fact]
    public void Evaluate_AtTheLimit_Passes()
    {
        new InputSizeGuardrail(maxCharacters: 100).Evaluate(new string('a', 100)).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_OverTheLimit_IsRejectedWithBothSizes()
    {
        var rejection = new InputSizeGuardrail(maxCharacters: 100).Evaluate(new string('a', 101)).Rejection.ShouldNotBeNull();

        rejection.Code.ShouldBe("input_too_large");
        rejection.Reason.ShouldContain("101");
        rejection.Reason.ShouldContain("100");
    }

    [Fact]
    public void Evaluate_DefaultLimit_Is50000Characters()
    {
        var guardrail = new InputSizeGuardrail();

        guardrail.Evaluate(new string('a', 50_000)).Passed.ShouldBeTrue();
        guardrail.Evaluate(new string('a', 50_001)).Passed.ShouldBeFalse();
    }
}
