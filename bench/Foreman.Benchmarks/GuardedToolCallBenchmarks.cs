using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Foreman.Resilience;
using Foreman.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreman.Benchmarks;

/// <summary>
/// The framework overhead of one guarded tool call: argument parsing, registry lookup, permission, schema
/// validation, repetition check, Polly pipeline (retry, breaker, timeout), result trim and telemetry hooks,
/// against calling the same tool body directly.
/// </summary>
[MemoryDiagnoser]
public class GuardedToolCallBenchmarks
{
    private const string Arguments = """{"invoice_id":"INV-2026-0042","amount":575.00,"currency":"EUR","lines":[{"sku":"BR-120","qty":120}]}""";

    private static readonly JsonElement Result = JsonElement.Parse("""{"status":"open","vendor_id":"V-1001","amount":575.00}""");

    private ForemanTool _tool = null!;
    private ToolRegistry _registry = null!;
    private ToolResilienceCache _resilience = null!;
    private JsonElement _parsedArguments;
    private FunctionCallContent _call = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tool = Tool.Create(
            "check_invoice",
            "Checks an invoice against its purchase order.",
            """
            {"type":"object","properties":{
              "invoice_id":{"type":"string","pattern":"^INV-[0-9]{4}-[0-9]{4}$"},
              "amount":{"type":"number","minimum":0},
              "currency":{"enum":["EUR","USD","GBP"]},
              "lines":{"type":"array","maxItems":50,"items":{"type":"object","properties":{"sku":{"type":"string"},"qty":{"type":"integer","minimum":1}},"required":["sku","qty"]}}},
             "required":["invoice_id","amount","currency"],"additionalProperties":false}
            """,
            static (_, _) => ValueTask.FromResult(Result),
            new ToolOptions { Effect = ToolEffect.Read });
        _registry = new ToolRegistry([_tool]);
        _resilience = new ToolResilienceCache(TimeProvider.System);
        _parsedArguments = JsonElement.Parse(Arguments);
        _call = new FunctionCallContent("call_1", "check_invoice") { AdditionalProperties = new() { [ToolCallGuard.RawArgumentsKey] = Arguments } };
    }

    [GlobalCleanup]
    public void Cleanup() => _resilience.Dispose();

    [Benchmark(Baseline = true, Description = "tool body, called directly")]
    public ValueTask<JsonElement> Direct() =>
        _tool.InvokeAsync(new ToolInvocation(_parsedArguments, "call_1", "run_1", "run_1:1", "bench"), CancellationToken.None);

    [Benchmark(Description = "guarded tool call")]
    public ValueTask<ToolCallRecord> Guarded()
    {
        // A fresh guard per call, as every run gets one: its cost belongs to the turn.
        var guard = new ToolCallGuard(
            new ToolGuardSettings("bench", "run_1", "run_1", _registry, ToolEffect.Read, 3, 100_000, PendingApprovalGate.Instance,
                TimeSpan.Zero, TimeProvider.System, NullLogger.Instance, null, false),
            _resilience);
        return guard.InvokeAsync(_call, CancellationToken.None);
    }
}
