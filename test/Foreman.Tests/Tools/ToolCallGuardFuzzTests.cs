using System.Diagnostics;
using System.Text.Json;
using Foreman.Tools;

namespace Foreman.Tests.Tools;

public sealed class ToolCallGuardFuzzTests
{
    private const int Payloads = 10_000;
    private const int MaxArgumentCharacters = 2_000_000;

    [Fact]
    public async Task InvokeAsync_TenThousandGeneratedPayloads_ToolRunsExactlyForTheValidOnesAndNothingEscapes()
    {
        var seen = new List<(int Index, string? Problem)>();
        var current = -1;
        var tool = Tool.Create("create_order", "Creates an order.", FuzzOrderSchema.Schema, (invocation, _) =>
        {
            // Judge what the tool was handed with the independent check, at the moment it runs.
            seen.Add((current, FuzzOrderSchema.Check(invocation.Arguments)));
            return ValueTask.FromResult(JsonElement.Parse("""{"order_id":"O-1"}"""));
        });
        using var harness = new GuardHarness(tool) { MaxArgumentCharacters = MaxArgumentCharacters };
        var generator = new ArgumentPayloadGenerator(new Random(20_240_613), MaxArgumentCharacters);
        var mismatches = new List<string>();
        var escaped = new List<string>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var validCount = 0;
        var stopwatch = Stopwatch.StartNew();

        for (var i = 0; i < Payloads; i++)
        {
            var payload = generator.Next();
            kinds[payload.Kind] = kinds.GetValueOrDefault(payload.Kind) + 1;
            validCount += payload.Valid ? 1 : 0;
            current = i;
            var ranBefore = seen.Count;
            ToolCallRecord record;
            try
            {
                // A fresh guard (run) per payload: repetition detection must not hide any outcome.
                record = await harness.NewGuard().InvokeAsync($"call_{i}", "create_order", payload.Raw, CancellationToken.None);
            }
            catch (Exception ex)
            {
                escaped.Add($"#{i} {payload.Kind}: {ex.GetType().Name}: {ex.Message} <- {Show(payload.Raw)}");
                continue;
            }

            var ran = seen.Count > ranBefore;
            var outcome = record.Error?.Kind.ToString() ?? "ran";
            if (payload.Valid && (!ran || !record.IsSuccess))
            {
                mismatches.Add($"#{i} {payload.Kind} (valid) got {outcome}: {Show(record.ModelText)} <- {Show(payload.Raw)}");
            }
            else if (!payload.Valid && (ran || record.Error?.Kind != ToolErrorKind.InvalidArguments))
            {
                mismatches.Add($"#{i} {payload.Kind} (invalid) got {outcome} <- {Show(payload.Raw)}");
            }

            if (!IsJsonObject(record.ModelText))
            {
                mismatches.Add($"#{i} {payload.Kind}: the model was shown text that is not a JSON object: {Show(record.ModelText)}");
            }
        }

        stopwatch.Stop();
        escaped.ShouldBeEmpty($"{escaped.Count} exceptions escaped the guard:\n{string.Join("\n", escaped.Take(15))}");
        mismatches.ShouldBeEmpty($"{mismatches.Count} of {Payloads} outcomes were wrong (by kind: {Tally(mismatches)}):\n{string.Join("\n", mismatches.Take(25))}");
        seen.Count.ShouldBe(validCount);
        seen.Where(s => s.Problem is not null).ShouldBeEmpty("the tool was handed arguments that break the schema's rules");

        // The mix must really exercise both sides and every kind of mutation.
        validCount.ShouldBeInRange(Payloads / 5, Payloads * 3 / 5);
        foreach (var (name, _) in ArgumentPayloadGenerator.AllKinds)
        {
            kinds.GetValueOrDefault(name).ShouldBeGreaterThanOrEqualTo(20, $"kind '{name}' was generated too rarely");
        }

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the guard is too slow on hostile input");
    }

    [Fact]
    public void Generator_ValidPayloads_PassTheIndependentCheckAndInvalidParseablePayloadsFailIt()
    {
        // The generator's labels and the independent check agree wherever a strict parser can read the payload,
        // so a disagreement in the guard test is the guard's, not the test's.
        var generator = new ArgumentPayloadGenerator(new Random(7), MaxArgumentCharacters);
        var strict = new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false };
        var disagreements = new List<string>();
        for (var i = 0; i < 3_000; i++)
        {
            var payload = generator.Next();
            if (payload.Raw.Length > MaxArgumentCharacters)
            {
                continue;
            }

            JsonElement parsed;
            try
            {
                parsed = JsonElement.Parse(string.IsNullOrWhiteSpace(payload.Raw) ? "{}" : payload.Raw, strict);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                if (payload.Valid)
                {
                    disagreements.Add($"{payload.Kind} (valid) does not parse: {ex.Message} <- {Show(payload.Raw)}");
                }

                continue;
            }

            var problem = FuzzOrderSchema.Check(parsed);
            if (payload.Valid != problem is null)
            {
                disagreements.Add($"{payload.Kind} labelled {(payload.Valid ? "valid" : "invalid")}, check says {problem ?? "valid"} <- {Show(payload.Raw)}");
            }
        }

        disagreements.ShouldBeEmpty(string.Join("\n", disagreements.Take(20)));
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            return JsonElement.Parse(text).ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Tally(List<string> lines) =>
        string.Join(", ", lines.GroupBy(l => l.Split(' ')[1], StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));

    private static string Show(string text) => text.Length <= 160 ? text : string.Concat(text.AsSpan(0, 160), $"…({text.Length} chars)");
}
