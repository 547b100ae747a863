using Foreman.Guardrails;

namespace Foreman.Tests.Guardrails;

public sealed class ScopeGuardrailTests
{
    private readonly ScopeGuardrail _billing = new(["invoice", "refund", "payment terms"], ["password", "medical advice"]);

    [Theory]
    [InlineData("Where is my invoice?")]
    [InlineData("I need a REFUND for order 42.")]
    [InlineData("What are your payment terms?")]
    [InlineData("Refund: order 42")]
    public void Evaluate_InScopeRequest_Passes(string text)
    {
        _billing.Evaluate(text).Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Tell me a joke.")]
    [InlineData("My invoices are fine, thanks.")]
    [InlineData("prerefund processing")]
    [InlineData("payment, terms")]
    public void Evaluate_NoInScopeTermAsAWholeWord_IsRejected(string text)
    {
        var rejection = _billing.Evaluate(text).Rejection.ShouldNotBeNull();

        rejection.Code.ShouldBe("out_of_scope");
        rejection.Guardrail.ShouldBe("scope");
    }

    [Fact]
    public void Evaluate_OutOfScopeTerm_IsRejectedEvenWithAnInScopeTerm()
    {
        var rejection = _billing.Evaluate("Refund me, and reset my Password too.").Rejection.ShouldNotBeNull();

        rejection.Code.ShouldBe("out_of_scope");
        rejection.Evidence.ShouldBe("password");
    }

    [Fact]
    public void Evaluate_OutOfScopeTermInsideAnotherWord_DoesNotCount()
    {
        _billing.Evaluate("The refund for the passwordless login add-on, please.").Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_NoInScopeTerms_OnlyChecksTheForbiddenOnes()
    {
        var guardrail = new ScopeGuardrail([], ["crypto"]);

        guardrail.Evaluate("Anything at all").Passed.ShouldBeTrue();
        guardrail.Evaluate("Buy crypto").Passed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Constructor_EmptyTerm_Throws(string term)
    {
        // An empty term matches nowhere and everywhere; it used to make the word search spin forever.
        Should.Throw<ArgumentException>(() => new ScopeGuardrail(["invoice", term]));
        Should.Throw<ArgumentException>(() => new ScopeGuardrail(["invoice"], [term]));
    }

    [Fact]
    public void Constructor_NullTerms_Throws()
    {
        Should.Throw<ArgumentNullException>(() => new ScopeGuardrail(null!));
    }
}
