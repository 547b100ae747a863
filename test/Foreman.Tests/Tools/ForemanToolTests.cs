using Foreman.Tools;

namespace Foreman.Tests.Tools;

public sealed class ForemanToolTests
{
    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("dotted.name")]
    [InlineData("slash/name")]
    [InlineData("naïve")]
    [InlineData("名前")]
    [InlineData("tool\n")]
    public void Create_InvalidName_Throws(string name)
    {
        var ex = Should.Throw<ArgumentException>(() => Tool.Create(name, "d", TestSchemas.AnyObject, (_, _) => default));
        ex.ParamName.ShouldBe("name");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("get_invoice")]
    [InlineData("Get-Invoice-2")]
    public void Create_ValidName_IsKept(string name)
    {
        Tool.Create(name, "d", TestSchemas.AnyObject, (_, _) => default).Name.ShouldBe(name);
    }

    [Fact]
    public void Create_NameLength_IsAtMost64()
    {
        Tool.Create(new string('n', 64), "d", TestSchemas.AnyObject, (_, _) => default).Name.Length.ShouldBe(64);
        Should.Throw<ArgumentException>(() => Tool.Create(new string('n', 65), "d", TestSchemas.AnyObject, (_, _) => default));
    }

    public static TheoryData<string, Action<ToolOptions>> InvalidOptions() => new()
    {
        { "zero timeout", o => o.Timeout = TimeSpan.Zero },
        { "negative timeout", o => o.Timeout = TimeSpan.FromSeconds(-1) },
        { "infinite timeout", o => o.Timeout = Timeout.InfiniteTimeSpan },
        { "timeout under 10 ms", o => o.Timeout = TimeSpan.FromMilliseconds(5) },
        { "timeout over a day", o => o.Timeout = TimeSpan.FromDays(2) },
        { "tiny result limit", o => o.MaxResultCharacters = 63 },
        { "negative retries", o => o.Retry.MaxRetries = -1 },
        { "negative retry delay", o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1) },
        { "retry delay over a day", o => o.Retry.MaxDelay = TimeSpan.FromDays(2) },
        { "zero breaker threshold", o => o.CircuitBreaker.FailureThreshold = 0 },
        { "break over a day", o => o.CircuitBreaker.BreakDuration = TimeSpan.FromDays(2) },
        { "sampling window over a day", o => o.CircuitBreaker.SamplingWindow = TimeSpan.FromDays(2) },
        { "zero rate", o => o.RequestsPerMinute = 0 },
        { "negative rate", o => o.RequestsPerMinute = -5 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Create_InvalidOptions_Throws(string why, Action<ToolOptions> spoil)
    {
        var options = new ToolOptions();
        spoil(options);

        var ex = Should.Throw<ArgumentException>(() => Tool.Create("t", "d", TestSchemas.AnyObject, (_, _) => default, options), why);
        ex.ParamName.ShouldBe("options");
    }

    [Fact]
    public async Task Create_BoundaryOptions_AreAcceptedAndUsable()
    {
        // Every value the constructor accepts must also be accepted when the tool's pipeline is built at its first call.
        var tool = Tool.Create("t", "d", TestSchemas.AnyObject, (_, _) => ValueTask.FromResult(default(System.Text.Json.JsonElement)), new ToolOptions
        {
            Timeout = TimeSpan.FromDays(1),
            MaxResultCharacters = 64,
            Retry = new ToolRetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromDays(1) },
            CircuitBreaker = new ToolCircuitBreakerOptions { FailureThreshold = 1, BreakDuration = TimeSpan.FromMilliseconds(1), SamplingWindow = TimeSpan.FromDays(1) },
            RequestsPerMinute = 1,
        });
        using var harness = new GuardHarness(tool);

        var record = await harness.CallAsync("t", "{}");

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        record.ModelText.ShouldBe("null");
    }

    [Fact]
    public void Create_OptionsChangedAfterwards_HaveNoEffect()
    {
        var options = new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(3), RequiresApproval = false };
        var tool = Tool.Create("t", "d", TestSchemas.AnyObject, (_, _) => default, options);

        options.Effect = ToolEffect.Destructive;
        options.Timeout = TimeSpan.FromSeconds(99);
        options.RequiresApproval = true;
        options.Retry.MaxRetries = 9;

        tool.Effect.ShouldBe(ToolEffect.Read);
        tool.Timeout.ShouldBe(TimeSpan.FromSeconds(3));
        tool.RequiresApproval.ShouldBeFalse();
        tool.MaxRetries.ShouldBe(2);
    }

    [Theory]
    [InlineData(ToolEffect.Read, null, true)]
    [InlineData(ToolEffect.Write, null, false)]
    [InlineData(ToolEffect.Destructive, null, false)]
    [InlineData(ToolEffect.External, true, true)]
    [InlineData(ToolEffect.Read, false, false)]
    public void Create_Idempotency_DefaultsToTrueOnlyForReadTools(ToolEffect effect, bool? idempotent, bool expected)
    {
        var tool = Tool.Create("t", "d", TestSchemas.AnyObject, (_, _) => default, new ToolOptions { Effect = effect, Idempotent = idempotent });

        tool.Idempotent.ShouldBe(expected);
        tool.MaxRetries.ShouldBe(expected ? 2 : 0);
    }

    [Fact]
    public void Declaration_CarriesNameDescriptionAndBothSchemas()
    {
        var resultSchema = Foreman.Schema.JsonSchema.Parse("""{"type":"object","required":["id"]}""");
        var tool = Tool.Create("get_invoice", "Gets an invoice.", TestSchemas.Lookup, (_, _) => default, new ToolOptions { ResultSchema = resultSchema });

        tool.Declaration.Name.ShouldBe("get_invoice");
        tool.Declaration.Description.ShouldBe("Gets an invoice.");
        tool.Declaration.JsonSchema.GetProperty("required")[0].GetString().ShouldBe("id");
        tool.Declaration.ReturnJsonSchema.ShouldNotBeNull().GetProperty("required")[0].GetString().ShouldBe("id");
        tool.ToString().ShouldBe("get_invoice (Read)");
    }
}
