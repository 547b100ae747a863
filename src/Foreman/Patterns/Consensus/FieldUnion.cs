using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Consensus;

/// <summary>
/// Union with verification, for multi-field extraction: the fields of every instance's object output are merged.
/// A value the verifier rejects (for example, text that does not occur in the source document) is dropped and
/// flagged; where the remaining values differ, the majority value is kept and the discrepancy flagged; a tie,
/// or a required field nobody produced, escalates. Thread-safe when the verifier is.
/// </summary>
/// <param name="requiredFields">Fields the merged output must have.</param>
/// <param name="verify">Checks one field's value against the task (field, value, task); <see langword="null"/> accepts every value.</param>
public sealed class FieldUnion(IEnumerable<string> requiredFields, Func<string, JsonElement, WorkTask, bool>? verify = null) : IConsensusAggregator
{
    private readonly string[] _required = requiredFields?.ToArray() ?? throw new ArgumentNullException(nameof(requiredFields));

    /// <inheritdoc />
    public string Strategy => "union";

    /// <inheritdoc />
    public ConsensusResult Aggregate(WorkTask task, IReadOnlyList<WorkResult> results)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(results);
        var flags = MajorityVote.Failures(results);
        var outputs = results.Select(r => r.Status == WorkStatus.Success && r.Output is { ValueKind: JsonValueKind.Object } o ? o : (JsonElement?)null).ToList();
        var fields = outputs.Where(o => o is not null).SelectMany(o => o!.Value.EnumerateObject().Select(p => p.Name)).Concat(_required).Distinct(StringComparer.Ordinal).ToList();
        var merged = new JsonObject();
        var problems = new List<string>();
        var agreeingPerInstance = new int[results.Count];
        var fieldsCounted = 0;
        foreach (var field in fields)
        {
            var candidates = new List<(int Index, JsonElement Value)>();
            for (var i = 0; i < outputs.Count; i++)
            {
                if (outputs[i] is not { } output || !output.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (verify is not null && !verify(field, value, task))
                {
                    flags.Add($"{field}: {results[i].Worker}'s value {value.GetRawText()} failed verification and was dropped");
                    continue;
                }

                candidates.Add((i, value));
            }

            if (candidates.Count == 0)
            {
                if (_required.Contains(field, StringComparer.Ordinal))
                {
                    problems.Add($"no verified value for required field '{field}'");
                }

                continue;
            }

            fieldsCounted++;
            var groups = candidates.GroupBy(c => JsonValues.CanonicalKey(c.Value), StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(c => c.Index)).ToList();
            if (groups.Count > 1)
            {
                flags.Add($"{field}: discrepancy between {string.Join(" / ", groups.Select(g => $"{g.First().Value.GetRawText()} ({string.Join(", ", g.Select(c => results[c.Index].Worker))})"))}");
                if (groups[0].Count() == groups[1].Count())
                {
                    problems.Add($"tie on field '{field}'");
                }
            }

            foreach (var c in groups[0])
            {
                agreeingPerInstance[c.Index]++;
            }

            merged[field] = JsonNode.Parse(groups[0].First().Value.GetRawText());
        }

        // An instance agrees when it backs the merged value of most fields.
        var votes = results.Select((r, i) => new ConsensusVote(r.Worker, r.Status, outputs[i], r.Cost, r.Confidence, fieldsCounted > 0 && agreeingPerInstance[i] * 2 > fieldsCounted)).ToList();
        var agreement = results.Count == 0 || fieldsCounted == 0 ? 0 : agreeingPerInstance.Sum() / (double)(fieldsCounted * results.Count);
        return new ConsensusResult
        {
            Outcome = problems.Count == 0 && fieldsCounted > 0 ? ConsensusOutcome.Agreed : ConsensusOutcome.Escalate,
            Strategy = Strategy,
            Value = JsonSerializer.SerializeToElement(merged),
            Agreement = agreement,
            Confidence = MajorityVote.Confidence(agreement, votes),
            Votes = votes,
            Flags = flags,
            Reason = problems.Count == 0 ? (fieldsCounted > 0 ? null : "No instance produced a field.") : string.Join("; ", problems),
        };
    }
}
