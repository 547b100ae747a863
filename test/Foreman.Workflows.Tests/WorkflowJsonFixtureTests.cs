using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

/// <summary>
/// Pins the JSON the engine stores in journals and run errors. A paused run written by this release must resume
/// under the next: if one of these fails, the change needs a migration, not a new expected string.
/// </summary>
public sealed class WorkflowJsonFixtureTests
{
    private const string ErrorV1 = """{"kind":"step_failed","message":"boom","step":"charge","sequence":4,"attempts":3}""";
    private const string WaitV1 = """{"event":"approval","payload":"\u0022yes\u0022","timed_out":false}""";
    private const string TimeoutV1 = """{"timed_out":true}""";
    private const string ChildV1 = """{"child_run_id":"run_1.2","status":"Completed","output":"42"}""";

    [Fact]
    public void RunError_WritesVersion1Format()
    {
        WorkflowJson.Error(new RunError("step_failed", "boom", "charge", 4, 3)).ShouldBe(ErrorV1);
    }

    [Fact]
    public void RunError_ReadsVersion1Format()
    {
        WorkflowJson.ReadError(ErrorV1).ShouldBe(new RunError("step_failed", "boom", "charge", 4, 3));
    }

    [Fact]
    public void RunError_CorruptPayload_IsReportedNotThrown()
    {
        WorkflowJson.ReadError("{not json").ShouldNotBeNull().Kind.ShouldBe("corrupt_error");
    }

    [Fact]
    public void WaitPayload_WritesAndReadsVersion1Format()
    {
        WorkflowJson.Serialize(new WaitPayload("approval", "\"yes\"", false)).ShouldBe(WaitV1);
        WorkflowJson.Serialize(new WaitPayload(null, null, true)).ShouldBe(TimeoutV1);
        WorkflowJson.Deserialize<WaitPayload>(WaitV1).ShouldBe(new WaitPayload("approval", "\"yes\"", false));
        WorkflowJson.Deserialize<WaitPayload>(TimeoutV1).ShouldBe(new WaitPayload(null, null, true));
    }

    [Fact]
    public void ChildPayload_WritesAndReadsVersion1Format()
    {
        WorkflowJson.Serialize(new ChildPayload("run_1.2", "Completed", "42")).ShouldBe(ChildV1);
        WorkflowJson.Deserialize<ChildPayload>(ChildV1).ShouldBe(new ChildPayload("run_1.2", "Completed", "42"));
    }

    [Fact]
    public void StepResults_UseWebDefaults()
    {
        System.Text.Json.JsonSerializer.Serialize(new { InvoiceId = "A1", Total = 5.5m }, WorkflowJson.DefaultOptions).ShouldBe("""{"invoiceId":"A1","total":5.5}""");
    }
}
