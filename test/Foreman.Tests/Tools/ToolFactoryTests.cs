using System.ComponentModel;
using System.Text.Json;
using Foreman.Tools;
using Microsoft.Extensions.AI;

namespace Foreman.Tests.Tools;

public sealed class ToolFactoryTests
{
    [Fact]
    public void FromDelegate_MethodParameters_BecomeTheArgumentSchema()
    {
        var tool = Tool.FromDelegate(([Description("The city.")] string city, int days) => $"{city}:{days}", "forecast", "Weather forecast.");

        var schema = tool.ArgumentsSchema.Source;
        tool.Name.ShouldBe("forecast");
        tool.Description.ShouldBe("Weather forecast.");
        schema.GetProperty("type").GetString().ShouldBe("object");
        schema.GetProperty("properties").GetProperty("city").GetProperty("type").GetString().ShouldBe("string");
        schema.GetProperty("properties").GetProperty("days").GetProperty("type").GetString().ShouldBe("integer");
        schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["city", "days"], ignoreOrder: true);
        tool.Declaration.Name.ShouldBe("forecast");
        tool.Declaration.JsonSchema.GetProperty("properties").GetProperty("city").GetProperty("description").GetString().ShouldBe("The city.");
    }

    [Fact]
    public async Task FromDelegate_ValidCall_RunsTheMethodAndSerializesItsResult()
    {
        var calls = 0;
        var tool = Tool.FromDelegate((string city, int days) =>
        {
            calls++;
            return new Forecast(city, days, "sunny");
        }, "forecast");
        using var harness = new GuardHarness(tool);

        var record = await harness.CallAsync("forecast", """{"city":"Lyon","days":3}""");

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        calls.ShouldBe(1);
        record.Result.GetProperty("city").GetString().ShouldBe("Lyon");
        record.Result.GetProperty("days").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task FromDelegate_MissingParameter_IsInvalidArgumentsAndTheMethodDoesNotRun()
    {
        var calls = 0;
        var tool = Tool.FromDelegate((string city, int days) => ++calls, "forecast");
        using var harness = new GuardHarness(tool);

        var record = await harness.CallAsync("forecast", """{"city":"Lyon"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        calls.ShouldBe(0);
    }

    [Fact]
    public async Task FromDelegate_WrongParameterType_IsInvalidArgumentsAndTheMethodDoesNotRun()
    {
        var calls = 0;
        var tool = Tool.FromDelegate((string city, int days) => ++calls, "forecast");
        using var harness = new GuardHarness(tool);

        var record = await harness.CallAsync("forecast", """{"city":"Lyon","days":"three"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        calls.ShouldBe(0);
    }

    [Fact]
    public async Task FromDelegate_MethodThatThrows_IsAFailedValue()
    {
        var tool = Tool.FromDelegate(string (string city) => throw new InvalidOperationException($"no station in {city}"), "forecast");
        using var harness = new GuardHarness(tool);

        var record = await harness.CallAsync("forecast", """{"city":"Atlantis"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        record.Error.Message.ShouldContain("no station in Atlantis");
    }

    [Fact]
    public async Task FromDelegate_ToolInvocationParameter_ReceivesTheGuardsInvocation()
    {
        // AIFunctionFactory binds parameters from the arguments' Context; the tool sees its idempotency key that way.
        string? key = null;
        var tool = Tool.FromDelegate((string city, AIFunctionArguments arguments) =>
        {
            key = ((ToolInvocation)arguments.Context![typeof(ToolInvocation)]!).IdempotencyKey;
            return city;
        }, "forecast", options: new ToolOptions { Effect = ToolEffect.Write, Idempotent = true });
        using var harness = new GuardHarness(tool) { IdempotencyPrefix = "p" };

        var record = await harness.CallAsync("forecast", """{"city":"Lyon"}""");

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        key.ShouldBe("p:1");
        tool.ArgumentsSchema.Source.GetProperty("properties").TryGetProperty("arguments", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task FromAIFunction_ExistingFunction_IsGuardedByItsOwnSchema()
    {
        var function = new CountingFunction();
        var tool = Tool.FromAIFunction(function, new ToolOptions { Effect = ToolEffect.External, Idempotent = false });
        using var harness = new GuardHarness(tool) { AllowedEffects = ToolEffect.Read | ToolEffect.External };

        var valid = await harness.CallAsync("notify", """{"channel":"email","text":"Invoice INV-1 is ready."}""");
        var missing = await harness.CallAsync("notify", """{"channel":"email"}""");
        var badEnum = await harness.CallAsync("notify", """{"channel":"pigeon","text":"hi"}""");

        tool.Name.ShouldBe("notify");
        tool.Effect.ShouldBe(ToolEffect.External);
        valid.IsSuccess.ShouldBeTrue(valid.ModelText);
        valid.ModelText.ShouldBe("\"sent via email\"");
        missing.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        badEnum.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        function.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task FromAIFunction_ReadOnlyAgent_CannotCallAnExternalFunction()
    {
        var function = new CountingFunction();
        using var harness = new GuardHarness(Tool.FromAIFunction(function, new ToolOptions { Effect = ToolEffect.External })) { AllowedEffects = ToolEffect.Read };

        var record = await harness.CallAsync("notify", """{"channel":"email","text":"x"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        function.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task CreateTyped_ArgumentsType_BecomesTheSchemaAndTheHandlerGetsTypedArguments()
    {
        var received = new List<TransferArgs>();
        var tool = Tool.Create<TransferArgs, TransferResult>("transfer", "Moves stock.", (args, invocation, _) =>
        {
            received.Add(args);
            return ValueTask.FromResult(new TransferResult($"T-{invocation.Attempt}"));
        });
        using var harness = new GuardHarness(tool);

        var valid = await harness.CallAsync("transfer", """{"sku":"ABC-123","quantity":4}""");
        var wrongType = await harness.CallAsync("transfer", """{"sku":"ABC-123","quantity":"four"}""");

        var properties = tool.ArgumentsSchema.Source.GetProperty("properties");
        properties.TryGetProperty("sku", out _).ShouldBeTrue();
        properties.GetProperty("quantity").GetProperty("type").GetString().ShouldBe("integer");
        valid.IsSuccess.ShouldBeTrue(valid.ModelText);
        valid.Result.GetProperty("transferId").GetString().ShouldBe("T-1");
        wrongType.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        received.ShouldHaveSingleItem().ShouldBe(new TransferArgs("ABC-123", 4));
    }

    [Fact]
    public void Create_InvalidSchemaText_Throws()
    {
        Should.Throw<Foreman.Schema.JsonSchemaException>(() => Tool.Create("t", "d", "{not a schema", (_, _) => default));
    }

    public sealed record Forecast(string City, int Days, string Sky);

    public sealed record TransferArgs(string Sku, int Quantity);

    public sealed record TransferResult(string TransferId);

    /// <summary>A hand-written AIFunction, as a library outside Foreman might provide one.</summary>
    private sealed class CountingFunction : AIFunction
    {
        private static readonly JsonElement ParametersSchema = JsonElement.Parse("""
            {
              "type": "object",
              "properties": {
                "channel": { "type": "string", "enum": ["email", "sms"] },
                "text": { "type": "string", "minLength": 1 }
              },
              "required": ["channel", "text"],
              "additionalProperties": false
            }
            """);

        public int Calls { get; private set; }

        public override string Name => "notify";

        public override string Description => "Sends a notification.";

        public override JsonElement JsonSchema => ParametersSchema;

        protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            Calls++;
            var channel = ((JsonElement)arguments["channel"]!).GetString();
            return ValueTask.FromResult<object?>($"sent via {channel}");
        }
    }
}
