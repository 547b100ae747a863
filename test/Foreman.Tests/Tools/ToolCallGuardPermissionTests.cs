using Foreman.Tools;

namespace Foreman.Tests.Tools;

public sealed class ToolCallGuardPermissionTests
{
    private readonly InvocationLog _log = new();

    [Fact]
    public async Task InvokeAsync_ReadOnlyAgentCallsDestructiveTool_IsDeniedAndNeverExecuted()
    {
        using var harness = new GuardHarness(_log.Tool("delete_customer", TestSchemas.Lookup, options: new ToolOptions { Effect = ToolEffect.Destructive, Idempotent = true }))
        {
            AllowedEffects = ToolEffect.Read,
        };

        var record = await harness.CallAsync("delete_customer", """{"id":"C1234"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        record.Error.Retryable.ShouldBeFalse();
        record.Attempts.ShouldBe(0);
        _log.Count.ShouldBe(0);
        var details = GuardHarness.ModelError(record).GetProperty("details");
        details.GetProperty("effect").GetString().ShouldBe("Destructive");
        details.GetProperty("allowed").GetString().ShouldBe("Read");
    }

    [Fact]
    public async Task InvokeAsync_ToolWithSeveralEffectsOneNotAllowed_IsDenied()
    {
        using var harness = new GuardHarness(_log.Tool("send_invoice", TestSchemas.Lookup, options: new ToolOptions { Effect = ToolEffect.Write | ToolEffect.External }))
        {
            AllowedEffects = ToolEffect.Read | ToolEffect.Write,
        };

        var record = await harness.CallAsync("send_invoice", """{"id":"INV-1"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_ToolWhoseEffectsAreAllAllowed_Runs()
    {
        using var harness = new GuardHarness(_log.Tool("send_invoice", TestSchemas.Lookup, options: new ToolOptions { Effect = ToolEffect.Write | ToolEffect.External }))
        {
            AllowedEffects = ToolEffect.Read | ToolEffect.Write | ToolEffect.External,
        };

        var record = await harness.CallAsync("send_invoice", """{"id":"INV-1"}""");

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_AgentWithNoEffects_CannotRunEvenAReadTool()
    {
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup)) { AllowedEffects = ToolEffect.None };

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_ForbiddenToolWithInvalidArguments_ReportsThePermissionFirst()
    {
        // Permission comes before argument validation: the model must not be coached into a valid call of a forbidden tool.
        using var harness = new GuardHarness(_log.Tool("delete_customer", TestSchemas.Lookup, options: new ToolOptions { Effect = ToolEffect.Destructive }))
        {
            AllowedEffects = ToolEffect.Read,
        };

        var record = await harness.CallAsync("delete_customer", "{not json");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        record.ModelText.ShouldNotContain("\"schema\"");
        _log.Count.ShouldBe(0);
    }
}
