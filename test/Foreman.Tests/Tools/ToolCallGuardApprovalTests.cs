using System.Text.Json;
using Foreman.Tools;

namespace Foreman.Tests.Tools;

public sealed class ToolCallGuardApprovalTests
{
    private const string Refund = """{"order_id":"O-7","amount":250}""";
    private const string RefundSchema = """
        {
          "type": "object",
          "properties": { "order_id": { "type": "string" }, "amount": { "type": "number", "exclusiveMinimum": 0 } },
          "required": ["order_id", "amount"],
          "additionalProperties": false
        }
        """;

    private static readonly ToolOptions NeedsApproval = new() { Effect = ToolEffect.Destructive, RequiresApproval = true };
    private readonly InvocationLog _log = new();

    [Fact]
    public async Task InvokeAsync_DefaultGate_ReturnsPendingApprovalWithTheActionHashAndDoesNotRun()
    {
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: NeedsApproval));

        var record = await harness.CallAsync("refund_order", Refund);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.ApprovalRequired);
        record.Attempts.ShouldBe(0);
        _log.Count.ShouldBe(0);
        var expectedHash = ActionHash.Compute("refund_order", JsonElement.Parse(Refund));
        record.Error.Details.ShouldNotBeNull()["action_hash"].ShouldBe(expectedHash);
        record.Error.Details["status"].ShouldBe("Pending");
        var details = GuardHarness.ModelError(record).GetProperty("details");
        details.GetProperty("status").GetString().ShouldBe("Pending");
        details.GetProperty("action_hash").GetString().ShouldBe(expectedHash);
    }

    [Fact]
    public async Task InvokeAsync_GateApprovesTheMatchingHash_RunsTheToolOnce()
    {
        // The reviewer saw the arguments in another key order; the canonical hash still binds them to this call.
        var approvedHash = ActionHash.Compute("refund_order", JsonElement.Parse("""{ "amount": 250, "order_id": "O-7" }"""));
        var gate = new RecordingApprovalGate(_ => new ToolApprovalDecision(ToolApprovalStatus.Approved, approvedHash, DecidedBy: "alice"));
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: NeedsApproval)) { ApprovalGate = gate };

        var record = await harness.CallAsync("refund_order", Refund);

        record.IsSuccess.ShouldBeTrue(record.ModelText);
        _log.Count.ShouldBe(1);
        var request = gate.Requests.ShouldHaveSingleItem();
        request.ToolName.ShouldBe("refund_order");
        request.Effect.ShouldBe(ToolEffect.Destructive);
        request.RunId.ShouldBe("run-1");
        request.AgentName.ShouldBe("test-agent");
        request.ActionHash.ShouldBe(approvedHash);
        request.Arguments.GetProperty("amount").GetInt32().ShouldBe(250);
    }

    [Fact]
    public async Task InvokeAsync_GateApprovesADifferentHash_RefusesAndDoesNotRun()
    {
        // An approval for a refund of 25 must not release a refund of 250.
        var otherHash = ActionHash.Compute("refund_order", JsonElement.Parse("""{"order_id":"O-7","amount":25}"""));
        var gate = new RecordingApprovalGate(_ => new ToolApprovalDecision(ToolApprovalStatus.Approved, otherHash));
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: NeedsApproval)) { ApprovalGate = gate };

        var record = await harness.CallAsync("refund_order", Refund);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        record.Error.Message.ShouldContain("does not match");
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_GateApprovesWithoutAHash_RefusesAndDoesNotRun()
    {
        var gate = new RecordingApprovalGate(_ => new ToolApprovalDecision(ToolApprovalStatus.Approved));
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: NeedsApproval)) { ApprovalGate = gate };

        var record = await harness.CallAsync("refund_order", Refund);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_GateRejects_DoesNotRunAndTellsTheModelWhy()
    {
        var gate = new RecordingApprovalGate(r => new ToolApprovalDecision(ToolApprovalStatus.Rejected, r.ActionHash, "refunds over 200 need a manager", "bob"));
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: NeedsApproval)) { ApprovalGate = gate };

        var record = await harness.CallAsync("refund_order", Refund);

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.ApprovalRequired);
        record.Error.Message.ShouldContain("refunds over 200 need a manager");
        record.Error.Details.ShouldNotBeNull()["status"].ShouldBe("Rejected");
        GuardHarness.ModelError(record).GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("refunds over 200 need a manager");
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_ToolWithoutRequiresApproval_NeverAsksTheGate()
    {
        var gate = new RecordingApprovalGate(_ => ToolApprovalDecision.Pending);
        using var harness = new GuardHarness(_log.Tool("get_invoice", TestSchemas.Lookup)) { ApprovalGate = gate };

        var record = await harness.CallAsync("get_invoice", """{"id":"INV-1"}""");

        record.IsSuccess.ShouldBeTrue();
        gate.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_InvalidArgumentsToAnApprovalTool_NeverReachAReviewer()
    {
        var gate = new RecordingApprovalGate(r => new ToolApprovalDecision(ToolApprovalStatus.Approved, r.ActionHash));
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: NeedsApproval)) { ApprovalGate = gate };

        var record = await harness.CallAsync("refund_order", """{"order_id":"O-7"}""");

        record.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        gate.Requests.ShouldBeEmpty();
        _log.Count.ShouldBe(0);
    }

    [Fact]
    public async Task InvokeAsync_RepeatedApprovedCall_IsStoppedBeforeAskingTheGateAgain()
    {
        var gate = new RecordingApprovalGate(r => new ToolApprovalDecision(ToolApprovalStatus.Approved, r.ActionHash));
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: NeedsApproval)) { ApprovalGate = gate };

        await harness.CallAsync("refund_order", Refund);
        var again = await harness.CallAsync("refund_order", Refund);

        again.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        gate.Requests.Count.ShouldBe(1);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_RejectedCall_DoesNotSpendARateLimitToken()
    {
        var reject = true;
        var gate = new RecordingApprovalGate(r => reject ? new ToolApprovalDecision(ToolApprovalStatus.Rejected, Reason: "no") : new ToolApprovalDecision(ToolApprovalStatus.Approved, r.ActionHash));
        using var harness = new GuardHarness(_log.Tool("refund_order", RefundSchema, options: new ToolOptions { Effect = ToolEffect.Destructive, RequiresApproval = true, RequestsPerMinute = 1 }))
        {
            ApprovalGate = gate,
        };

        await harness.CallAsync("refund_order", """{"order_id":"O-1","amount":1}""");
        reject = false;
        var approved = await harness.CallAsync("refund_order", """{"order_id":"O-2","amount":1}""");

        approved.IsSuccess.ShouldBeTrue(approved.ModelText);
        _log.Count.ShouldBe(1);
    }
}
