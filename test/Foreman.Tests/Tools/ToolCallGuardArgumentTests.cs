using System.Text.Json;
using Foreman.Tools;
using Microsoft.Extensions.AI;

namespace Foreman.Tests.Tools;

public sealed class ToolCallGuardArgumentTests
{
    private readonly InvocationLog _log = new();

    [Fact]
    public async Task InvokeAsync_ValidArguments_RunsToolOnceWithParsedArguments()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order, """{"order_id":"O-1"}"""));

        var record = await harness.CallAsync("create_order", """{ "quantity": 3, "customer_id": "C1234" }""");

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        record.Attempts.ShouldBe(1);
        record.ModelText.ShouldBe("""{"order_id":"O-1"}""");
        record.Result.GetProperty("order_id").GetString().ShouldBe("O-1");
        var invocation = _log.Invocations.ShouldHaveSingleItem();
        invocation.Arguments.GetProperty("customer_id").GetString().ShouldBe("C1234");
        invocation.Arguments.GetProperty("quantity").GetInt32().ShouldBe(3);
        invocation.CallId.ShouldBe("call_1");
        invocation.AgentName.ShouldBe("test-agent");
        invocation.RunId.ShouldBe("run-1");
    }

    [Fact]
    public async Task InvokeAsync_UnknownTool_ListsRealToolsAndSuggestsTheClosestName()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup), _log.Tool("create_order", TestSchemas.Order));

        var record = await harness.CallAsync("get_invoices", """{"id":"INV-1"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.UnknownTool);
        record.Error.Retryable.ShouldBeFalse();
        record.Attempts.ShouldBe(0);
        record.ToolName.ShouldBe("get_invoices");
        _log.Count.ShouldBe(0);
        var error = GuardHarness.ModelError(record);
        error.GetProperty("kind").GetString().ShouldBe("unknown_tool");
        var details = error.GetProperty("details");
        details.GetProperty("available_tools").EnumerateArray().Select(e => e.GetString()).ShouldBe(["get_invoice", "create_order"]);
        details.GetProperty("did_you_mean").GetString().ShouldBe("get_invoice");
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("get_invoice, create_order");
    }

    [Fact]
    public async Task InvokeAsync_UnknownToolUnlikeAnyName_OffersNoSuggestion()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup));

        var record = await harness.CallAsync("send_email_to_everyone", "{}");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.UnknownTool);
        GuardHarness.ModelError(record).GetProperty("details").TryGetProperty("did_you_mean", out _).ShouldBeFalse();
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_HugeUnknownToolName_IsTruncatedInTheMessage()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup));

        var record = await harness.CallAsync(new string('x', 100_000), "{}");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.UnknownTool);
        record.Error.Message.Length.ShouldBeLessThan(300);
        _log.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"customer_id":"C1234","quantity":""")]
    [InlineData("""{"customer_id":"C1234","quantity":3,}""")]
    [InlineData("""{'customer_id':'C1234','quantity':3}""")]
    [InlineData("""{"customer_id":"C1234","quantity":NaN}""")]
    [InlineData("""{"customer_id":"C1234","quantity":3} trailing""")]
    [InlineData("""{"customer_id":"C\q","quantity":3}""")]
    [InlineData("""{"customer_id":"C1234","quantity":3 /* three */}""")]
    [InlineData("""```json {"customer_id":"C1234","quantity":3} ```""")]
    public async Task InvokeAsync_InvalidJson_ReturnsInvalidArgumentsKeepsRawTextAndDoesNotRun(string raw)
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        var record = await harness.CallAsync("create_order", raw);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        record.Error.Message.ShouldContain("not valid JSON");
        record.Error.Message.ShouldContain("the tool did not run");
        record.RawArguments.ShouldBe(raw);
        record.Arguments.ValueKind.ShouldBe(JsonValueKind.Undefined);
        record.Attempts.ShouldBe(0);
        _log.Count.ShouldBe(0);
    }

    public static TheoryData<string, string> SchemaViolations() => new()
    {
        // Wrong type: a string where an integer is required.
        { """{"customer_id":"C1234","quantity":"3"}""", "/quantity" },
        // Wrong type: a boolean and a null.
        { """{"customer_id":"C1234","quantity":true}""", "/quantity" },
        { """{"customer_id":null,"quantity":3}""", "/customer_id" },
        // Not an integer.
        { """{"customer_id":"C1234","quantity":2.5}""", "/quantity" },
        // Missing required property.
        { """{"quantity":3}""", "customer_id" },
        // Out of range, both ends.
        { """{"customer_id":"C1234","quantity":0}""", "/quantity" },
        { """{"customer_id":"C1234","quantity":101}""", "/quantity" },
        { """{"customer_id":"C1234","quantity":1e400}""", "/quantity" },
        // Additional property.
        { """{"customer_id":"C1234","quantity":3,"discount_code":"FREE"}""", "discount_code" },
        // Pattern and length.
        { """{"customer_id":"c-12","quantity":3}""", "/customer_id" },
        { """{"customer_id":"C1234","quantity":3,"note":"this note is far longer than twenty"}""", "/note" },
        // Not an object at all.
        { """[{"customer_id":"C1234","quantity":3}]""", "" },
        { "null", "" },
        { "42", "" },
    };

    [Theory]
    [MemberData(nameof(SchemaViolations))]
    public async Task InvokeAsync_SchemaViolation_ReturnsValidationErrorsToTheModelAndDoesNotRun(string raw, string mentioned)
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        var record = await harness.CallAsync("create_order", raw);

        record.Error.ShouldNotBeNull($"the tool accepted {raw}").Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        record.Attempts.ShouldBe(0);
        _log.Count.ShouldBe(0);
        var errors = ((IEnumerable<string>)record.Error.Details.ShouldNotBeNull()["errors"].ShouldNotBeNull()).ToArray();
        errors.ShouldNotBeEmpty();
        errors.ShouldContain(e => e.Contains(mentioned, StringComparison.Ordinal), $"no error mentions '{mentioned}': {string.Join(" | ", errors)}");

        // The model sees the same errors, and the schema to correct itself against.
        var error = GuardHarness.ModelError(record);
        error.GetProperty("kind").GetString().ShouldBe("invalid_arguments");
        error.GetProperty("details").GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ShouldBe(errors);
        error.GetProperty("details").GetProperty("schema").GetProperty("required").GetArrayLength().ShouldBe(2);
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain(errors[0]);
    }

    [Theory]
    [InlineData("""{"customer_id":"C1234","quantity":3.0}""")]
    [InlineData("""{"customer_id":"C1234","quantity":1e1}""")]
    [InlineData("""{"customer_id":"C1234","quantity":100,"note":"\u0000 nul is fine"}""")]
    [InlineData("""{"customer_id":"C1234","quantity":1,"note":"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"}""")]
    public async Task InvokeAsync_ValidEdgeValues_RunTheTool(string raw)
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        var record = await harness.CallAsync("create_order", raw);

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_ArgumentsLongerThanTheLimit_AreRejectedBeforeParsing()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order)) { MaxArgumentCharacters = 1_000 };
        var raw = $$"""{"customer_id":"C1234","quantity":3,"note":"{{new string('a', 5_000)}}"}""";

        var record = await harness.CallAsync("create_order", raw);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        record.Error.Message.ShouldContain("the limit is 1000");
        record.RawArguments.ShouldNotBeNull().Length.ShouldBeLessThanOrEqualTo(1_001);
        _log.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task InvokeAsync_EmptyArgumentText_IsTheEmptyObject(string raw)
    {
        using var harness = new GuardHarness(_log.Tool("list_orders", TestSchemas.AnyObject), _log.Tool("create_order", TestSchemas.Order));

        var withoutRequired = await harness.CallAsync("list_orders", raw);
        var withRequired = await harness.CallAsync("create_order", raw);

        withoutRequired.IsSuccess.ShouldBeTrue(withoutRequired.ModelText);
        _log.Invocations.ShouldHaveSingleItem().Arguments.GetRawText().ShouldBe("{}");
        withRequired.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_DuplicatePropertyNames_ReturnsInvalidArgumentsAndDoesNotRun()
    {
        // A reviewer or log reader sees the first value; the tool's deserializer takes the last. Refuse the ambiguity.
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        var record = await harness.CallAsync("create_order", """{"customer_id":"C1234","quantity":1,"quantity":100}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        record.Error.Message.ShouldContain("quantity");
        _log.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"customer_id":"C1234","quantity":3,"note":"\ud800"}""")]
    [InlineData("""{"customer_id":"C1234","quantity":3,"note":"x\udc00y"}""")]
    [InlineData("""{"customer_id":"C1234","quantity":3,"note":"\ud800\ud800"}""")]
    [InlineData("""{"customer_id":"C1234","quantity":3,"\ud83d":"x"}""")]
    public async Task InvokeAsync_UnpairedSurrogateEscape_ReturnsInvalidArgumentsInsteadOfThrowing(string raw)
    {
        // Such text parses, but every later read of the string throws; the guard must answer, not crash the run.
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        var record = await harness.CallAsync("create_order", raw);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        JsonElement.Parse(record.ModelText).ValueKind.ShouldBe(JsonValueKind.Object);
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_UnpairedSurrogateCharacter_ReturnsInvalidArgumentsInsteadOfThrowing()
    {
        // Built here rather than in attributes: test runners serialize theory data, and lone surrogates do not survive that.
        string[] payloads =
        [
            "{\"customer_id\":\"C1234\",\"quantity\":3,\"note\":\"" + '\ud800' + "\"}",
            "{\"customer_id\":\"C1234\",\"quantity\":3,\"" + '\udfff' + "\":1}",
        ];
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        foreach (var raw in payloads)
        {
            var record = await harness.NewGuard().InvokeAsync("c1", "create_order", raw, CancellationToken.None);

            record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
            JsonElement.Parse(record.ModelText).ValueKind.ShouldBe(JsonValueKind.Object);
        }

        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_ValidSurrogatePairEscape_RunsTheTool()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        var record = await harness.CallAsync("create_order", """{"customer_id":"C1234","quantity":3,"note":"\ud83d\ude00"}""");

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        _log.Invocations.ShouldHaveSingleItem().Arguments.GetProperty("note").GetString().ShouldBe("😀");
    }

    [Fact]
    public async Task InvokeAsync_NestingFarBeyondMaxDepth_ReturnsInvalidArguments()
    {
        using var harness = new GuardHarness(_log.Tool("list_orders", TestSchemas.AnyObject));
        var raw = """{"filter":""" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var record = await harness.CallAsync("list_orders", raw);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        record.Error.Message.ShouldContain("depth");
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_FunctionCallWithArgumentDictionary_RunsWithThoseArguments()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));
        var call = new FunctionCallContent("c1", "create_order", new Dictionary<string, object?>(StringComparer.Ordinal) { ["customer_id"] = "C1234", ["quantity"] = 7 });

        var record = await harness.Guard.InvokeAsync(call, CancellationToken.None);

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        record.CallId.ShouldBe("c1");
        _log.Invocations.ShouldHaveSingleItem().Arguments.GetProperty("quantity").GetInt32().ShouldBe(7);
    }

    [Fact]
    public async Task InvokeAsync_FunctionCallWithRawText_ValidatesTheRawTextNotTheDictionary()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));
        var call = new FunctionCallContent("c1", "create_order", new Dictionary<string, object?>(StringComparer.Ordinal) { ["customer_id"] = "C1234", ["quantity"] = 7 })
        {
            AdditionalProperties = new() { [ToolCallGuard.RawArgumentsKey] = """{"customer_id":"C1234","quantity":""" },
        };

        var record = await harness.Guard.InvokeAsync(call, CancellationToken.None);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        record.RawArguments.ShouldBe("""{"customer_id":"C1234","quantity":""");
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_FunctionCallThatFailedToParse_ReturnsInvalidArguments()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));
        var call = new FunctionCallContent("c1", "create_order") { Exception = new JsonException("unexpected end of data") };

        var record = await harness.Guard.InvokeAsync(call, CancellationToken.None);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        record.Error.Message.ShouldContain("unexpected end of data");
        _log.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task InvokeAsync_ArgumentDictionaryThatCannotBeJson_ReturnsInvalidArgumentsInsteadOfThrowing(double value)
    {
        using var harness = new GuardHarness(_log.Tool("list_orders", TestSchemas.AnyObject));
        var call = new FunctionCallContent("c1", "list_orders", new Dictionary<string, object?>(StringComparer.Ordinal) { ["limit"] = value });

        var record = await harness.Guard.InvokeAsync(call, CancellationToken.None);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_EveryOutcome_IsAppendedToTheTrailWithItsSequence()
    {
        using var harness = new GuardHarness(_log.Tool("create_order", TestSchemas.Order));

        await harness.CallAsync("nope", "{}");
        await harness.CallAsync("create_order", "{");
        await harness.CallAsync("create_order", TestSchemas.ValidOrder);

        harness.Guard.Trail.Select(r => r.Sequence).ShouldBe([1, 2, 3]);
        harness.Guard.Trail.Select(r => r.Error?.Kind).ShouldBe([ToolErrorKind.UnknownTool, ToolErrorKind.InvalidArguments, null]);
        _log.Count.ShouldBe(1);
    }
}
