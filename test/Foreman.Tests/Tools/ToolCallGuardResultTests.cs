using System.Text.Json;
using Foreman.Schema;
using Foreman.Tools;

namespace Foreman.Tests.Tools;

public sealed class ToolCallGuardResultTests
{
    private readonly InvocationLog _log = new();

    [Fact]
    public async Task InvokeAsync_ResultFailsItsSchema_ReturnsInvalidResultAndWithholdsTheValue()
    {
        var resultSchema = JsonSchema.Parse("""
            {
              "type": "object",
              "properties": { "status": { "enum": ["paid", "open"] }, "total": { "type": "number" } },
              "required": ["status", "total"],
              "additionalProperties": false
            }
            """);
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup,
            """{"status":"SECRET-4111-1111-1111-1111","total":"lots"}""", new ToolOptions { ResultSchema = resultSchema }));

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidResult);
        record.Error.Message.ShouldContain("withheld");
        record.Attempts.ShouldBe(1);
        record.Result.ValueKind.ShouldBe(JsonValueKind.Undefined);
        record.ModelText.ShouldNotContain("SECRET-4111");
        record.ModelText.ShouldNotContain("lots");
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_ResultMissingARequiredProperty_ReturnsInvalidResult()
    {
        var resultSchema = JsonSchema.Parse("""{"type":"object","required":["status"]}""");
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, """{"total":12}""", new ToolOptions { ResultSchema = resultSchema }));

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidResult);
        record.ModelText.ShouldNotContain("12");
    }

    [Fact]
    public async Task InvokeAsync_ResultMatchingItsSchema_IsPassedThrough()
    {
        var resultSchema = JsonSchema.Parse("""{"type":"object","properties":{"status":{"enum":["paid","open"]}},"required":["status"]}""");
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, """{"status":"paid"}""", new ToolOptions { ResultSchema = resultSchema }));

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        record.ModelText.ShouldBe("""{"status":"paid"}""");
    }

    [Fact]
    public async Task InvokeAsync_ResultWithinTheLimit_IsNotTrimmed()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup, """{"total":12.5}"""));

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.Trimmed.ShouldBeFalse();
        record.ModelText.ShouldBe("""{"total":12.5}""");
        record.OriginalLength.ShouldBe(record.ModelText.Length);
    }

    [Fact]
    public async Task InvokeAsync_OversizedResult_IsTrimmedToTheLimitAndTheCutIsRecorded()
    {
        var text = "\"" + new string('x', 50_000) + "\"";
        using var harness = new GuardHarness(_log.Tool("export_ledger", TestSchemas.AnyObject, text, new ToolOptions { MaxResultCharacters = 1_000 }));

        var record = await harness.CallAsync("export_ledger", "{}");

        record.IsSuccess.ShouldBeTrue();
        record.Trimmed.ShouldBeTrue();
        record.OriginalLength.ShouldBe(50_002);
        record.ModelText.Length.ShouldBeLessThanOrEqualTo(1_000);
        record.ModelText.ShouldStartWith("\"xxxx");
        record.ModelText.ShouldContain("truncated");
        record.ModelText.ShouldContain("50002");
        record.Result.GetString().ShouldNotBeNull().Length.ShouldBe(50_000, "the full value stays on the trail; only the model's view is cut");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task InvokeAsync_TrimAtASurrogatePair_NeverLeavesHalfACharacter(int padding)
    {
        // One of the two paddings puts the cut between the halves of an emoji.
        var text = "\"" + new string('a', padding) + string.Concat(Enumerable.Repeat("😀", 5_000)) + "\"";
        using var harness = new GuardHarness(_log.Tool("export_ledger", TestSchemas.AnyObject, text, new ToolOptions { MaxResultCharacters = 200 }));

        var record = await harness.CallAsync("export_ledger", "{}");

        record.Trimmed.ShouldBeTrue();
        record.OriginalLength.ShouldBe(text.Length);
        record.ModelText.Length.ShouldBeLessThanOrEqualTo(200);
        var model = record.ModelText;
        for (var i = 0; i < model.Length; i++)
        {
            if (char.IsHighSurrogate(model[i]))
            {
                (i + 1 < model.Length && char.IsLowSurrogate(model[i + 1])).ShouldBeTrue($"lone high surrogate at {i}");
                i++;
            }
            else
            {
                char.IsLowSurrogate(model[i]).ShouldBeFalse($"lone low surrogate at {i}");
            }
        }

        model.ShouldContain("😀");
    }

    [Fact]
    public async Task InvokeAsync_MarkerStatesHowMuchWasReallyOmitted()
    {
        var text = "\"" + new string('x', 9_998) + "\"";
        using var harness = new GuardHarness(_log.Tool("export_ledger", TestSchemas.AnyObject, text, new ToolOptions { MaxResultCharacters = 500 }));

        var record = await harness.CallAsync("export_ledger", "{}");

        var kept = record.ModelText.IndexOf('…', StringComparison.Ordinal);
        kept.ShouldBeGreaterThan(0);
        record.ModelText.ShouldContain($"{10_000 - kept} of 10000 characters omitted");
    }
}
