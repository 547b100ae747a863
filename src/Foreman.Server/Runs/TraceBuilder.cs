using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Reviews;
using Foreman.Server.Http;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Runs;

/// <summary>
/// Builds a run's trace from its journal: the workflow's steps, waits and children in order, each agent it ran as
/// a node holding its model calls (model, tokens, cost, duration, retries) and tool calls (outcome, attempts,
/// validation), and the reviews it waited for with the packet's confidence. The journal is the durable record
/// every run has; a dedicated trace store can replace this view without changing its shape.
/// </summary>
internal static class TraceBuilder
{
    private const string AgentPrefix = "agent:";

    public static TraceViewNode Build(RunRecord run, IReadOnlyList<JournalEntry> journal, IReadOnlyList<ReviewItem> reviews)
    {
        var root = new TraceViewNode { Kind = "run", Name = run.Workflow, Status = ApiJson.Name(run.Status), StartedAt = run.CreatedAt, Detail = run.RunId };
        root.DurationMs = (run.UpdatedAt - run.CreatedAt).TotalMilliseconds;
        var agents = new Dictionary<string, TraceViewNode>(StringComparer.Ordinal);
        var reviewsById = reviews.ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        foreach (var entry in journal.OrderBy(e => e.Sequence))
        {
            if (entry.Kind == JournalEntryKind.Step && TryParseAgentStep(entry, out var agentName, out var operation))
            {
                var scope = entry.Key.Contains('/', StringComparison.Ordinal) ? entry.Key[..entry.Key.LastIndexOf('/')] : agentName;
                if (!agents.TryGetValue(scope, out var agent))
                {
                    agent = new TraceViewNode { Kind = "agent", Name = agentName, StartedAt = entry.RecordedAt, Status = "ok" };
                    agents[scope] = agent;

                    // A sub-agent's scope lies inside its supervisor's ("1/agent.supervisor/3/agent.extractor"): nest it there.
                    (SupervisorOf(agents, scope) ?? root).Children.Add(agent);
                }

                if (operation.StartsWith("model:", StringComparison.Ordinal))
                {
                    AddModelTurn(agent, entry);
                }
                else
                {
                    AddToolCall(agent, entry);
                }

                continue;
            }

            root.Children.Add(Other(entry, reviewsById));
        }

        foreach (var agent in agents.Values)
        {
            Summarize(agent);
        }

        Summarize(root);
        return root;
    }

    /// <summary>The agent whose scope most closely encloses <paramref name="scope"/>, or <see langword="null"/>.</summary>
    private static TraceViewNode? SupervisorOf(Dictionary<string, TraceViewNode> agents, string scope)
    {
        TraceViewNode? supervisor = null;
        var longest = -1;
        foreach (var (key, node) in agents)
        {
            if (key.Length > longest && scope.StartsWith(key + "/", StringComparison.Ordinal))
            {
                (supervisor, longest) = (node, key.Length);
            }
        }

        return supervisor;
    }

    /// <summary>Sums a run's model usage from its journal (for run lists and details).</summary>
    public static RunCost CostOf(IReadOnlyList<JournalEntry> journal)
    {
        int calls = 0;
        long input = 0, output = 0;
        decimal cost = 0;
        foreach (var entry in journal)
        {
            if (entry.Kind != JournalEntryKind.Step || !TryParseAgentStep(entry, out _, out var operation) || !operation.StartsWith("model:", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var call in Calls(entry))
            {
                calls++;
                input += Long(call, "promptTokens");
                output += Long(call, "completionTokens");
                cost += Decimal(call, "cost");
            }
        }

        return new RunCost(calls, input, output, cost);
    }

    private static bool TryParseAgentStep(JournalEntry entry, out string agent, out string operation)
    {
        agent = operation = string.Empty;
        if (!entry.Name.StartsWith(AgentPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = entry.Name[AgentPrefix.Length..];
        var split = rest.LastIndexOf(":model:", StringComparison.Ordinal);
        if (split < 0)
        {
            split = rest.LastIndexOf(":tool:", StringComparison.Ordinal);
        }

        if (split <= 0)
        {
            return false;
        }

        agent = rest[..split];
        operation = rest[(split + 1)..];
        return true;
    }

    private static void AddModelTurn(TraceViewNode agent, JournalEntry entry)
    {
        var turn = ParseObject(entry.Payload);
        var failure = turn?["failureKind"]?.ToString();
        foreach (var call in Calls(entry))
        {
            var retry = call["isRetry"]?.GetValue<bool>() ?? false;
            agent.Children.Add(new TraceViewNode
            {
                Kind = "model_call",
                Name = call["model"]?.GetValue<string>() ?? "model",
                Model = call["model"]?.GetValue<string>(),
                InputTokens = Long(call, "promptTokens"),
                OutputTokens = Long(call, "completionTokens"),
                Cost = Decimal(call, "cost"),
                StartedAt = Time(call["timestamp"]),
                DurationMs = Duration(call["duration"]),
                Status = retry ? "retry" : "ok",
                Validation = retry ? "retried after a failed attempt" : null,
            });
        }

        if (!string.IsNullOrEmpty(failure) && agent.Children.Count > 0)
        {
            agent.Children[^1].Status = $"failed: {failure}";
            agent.Status = "failed";
        }

        // The agent's final answer (structured output) often carries its confidence.
        var text = FinalText(turn);
        if (text is not null && ParseObject(text) is { } output && output["confidence"] is JsonValue confidence && confidence.TryGetValue<double>(out var value))
        {
            agent.Confidence = value;
        }
    }

    private static void AddToolCall(TraceViewNode agent, JournalEntry entry)
    {
        var record = ParseObject(entry.Payload);
        var error = record?["error"] as JsonObject;
        var kind = error?["kind"]?.ToString();
        agent.Children.Add(new TraceViewNode
        {
            Kind = "tool_call",
            Name = record?["toolName"]?.GetValue<string>() ?? entry.Name,
            StartedAt = Time(record?["startedAt"]),
            DurationMs = Duration(record?["duration"]),
            Attempts = record?["attempts"] is JsonValue attempts && attempts.TryGetValue<int>(out var a) ? a : null,
            Status = error is null ? "ok" : kind,
            Validation = error is null ? "valid" : $"{kind}: {error["message"]}",
            Data = record?["arguments"] is { } arguments ? JsonSerializer.SerializeToElement(arguments) : null,
        });
    }

    private static TraceViewNode Other(JournalEntry entry, Dictionary<string, ReviewItem> reviews)
    {
        var node = new TraceViewNode
        {
            Kind = ApiJson.Name(entry.Kind),
            Name = entry.Name,
            Status = ApiJson.Name(entry.State),
            StartedAt = entry.RecordedAt,
            Attempts = entry.Kind == JournalEntryKind.Step ? entry.Attempts : null,
            Data = Embedded.Parse(entry.Payload),
        };
        if (entry.Kind == JournalEntryKind.Wait && entry.Name.StartsWith("review:", StringComparison.Ordinal)
            && reviews.TryGetValue(entry.Name["review:".Length..], out var item))
        {
            node.Children.Add(new TraceViewNode
            {
                Kind = "review",
                Name = item.ItemId,
                Status = ApiJson.Name(item.Status),
                Confidence = item.Packet.Confidence,
                StartedAt = item.CreatedAt,
                DurationMs = item.DecidedAt is { } decided ? (decided - item.CreatedAt).TotalMilliseconds : null,
                Detail = item.DecidedBy is null ? $"{item.Queue}: {item.Packet.DecisionNeeded}" : $"{item.Queue}: decided by {item.DecidedBy}",
                Cost = item.HumanCost,
                Validation = item.ApprovedActionHash is null ? null : $"approved action {item.ApprovedActionHash[..Math.Min(12, item.ApprovedActionHash.Length)]}…",
            });
        }

        return node;
    }

    private static void Summarize(TraceViewNode node)
    {
        var models = Flatten(node).Where(n => n.Kind == "model_call").ToList();
        var own = node.Children.Where(n => n.Kind == "model_call").ToList();
        node.InputTokens = models.Sum(n => n.InputTokens ?? 0);
        node.OutputTokens = models.Sum(n => n.OutputTokens ?? 0);
        node.Cost = models.Sum(n => n.Cost ?? 0);
        if (node.Kind == "agent")
        {
            var tools = node.Children.Where(n => n.Kind == "tool_call").ToList();
            var invalid = tools.Count(t => t.Validation != "valid");
            node.Validation = invalid == 0 ? "valid" : $"{invalid} of {tools.Count} tool calls failed a check";
            node.Detail = $"{own.Count} model calls, {tools.Count} tool calls";
            var first = node.Children.FirstOrDefault()?.StartedAt;
            var last = node.Children.LastOrDefault();
            if (first is { } start && last?.StartedAt is { } end)
            {
                node.DurationMs = (end - start).TotalMilliseconds + (last.DurationMs ?? 0);
            }
        }
    }

    private static IEnumerable<TraceViewNode> Flatten(TraceViewNode node) => node.Children.SelectMany(c => (IEnumerable<TraceViewNode>)[c, .. Flatten(c)]);

    private static IEnumerable<JsonNode> Calls(JournalEntry entry) =>
        ParseObject(entry.Payload)?["calls"] is JsonArray calls ? calls.OfType<JsonNode>() : [];

    private static string? FinalText(JsonObject? turn)
    {
        if (turn?["response"]?["messages"] is not JsonArray messages)
        {
            return null;
        }

        return messages.OfType<JsonObject>()
            .SelectMany(m => m["contents"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => c["$type"]?.ToString() == "text")
            .Select(c => c["text"]?.ToString())
            .LastOrDefault(t => !string.IsNullOrWhiteSpace(t));
    }

    private static JsonObject? ParseObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            // Agent steps journal their record as JSON text, so the stored payload is a JSON string holding JSON.
            var node = JsonNode.Parse(json);
            if (node is JsonValue value && value.TryGetValue<string>(out var inner))
            {
                node = JsonNode.Parse(inner);
            }

            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long Long(JsonNode node, string name) => node[name] is JsonValue v && v.TryGetValue<long>(out var x) ? x : 0;

    private static decimal Decimal(JsonNode node, string name) => node[name] is JsonValue v && v.TryGetValue<decimal>(out var x) ? x : 0;

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static double? Duration(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span.TotalMilliseconds : null;
}
