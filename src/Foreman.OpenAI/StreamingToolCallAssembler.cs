using System.Text;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace Foreman.OpenAI;

/// <summary>
/// Reassembles tool calls from streamed fragments. The API sends a call's id and name in its first fragment and the
/// argument JSON in pieces afterwards, all keyed by the call's index. Not thread-safe: one per stream.
/// </summary>
internal sealed class StreamingToolCallAssembler
{
    private readonly SortedDictionary<int, PendingCall> _calls = [];

    /// <summary>Gets a value indicating whether any fragment is waiting to be completed.</summary>
    public bool HasPending => _calls.Count > 0;

    /// <summary>Adds the fragments of one streamed update.</summary>
    public void Add(IReadOnlyList<Sdk.StreamingChatToolCallUpdate> updates)
    {
        foreach (var update in updates)
        {
            if (!_calls.TryGetValue(update.Index, out var call))
            {
                call = new PendingCall();
                _calls.Add(update.Index, call);
            }

            // Some compatible servers repeat the id and name in every fragment; the first non-empty value wins.
            if (string.IsNullOrEmpty(call.Id) && !string.IsNullOrEmpty(update.ToolCallId))
            {
                call.Id = update.ToolCallId;
            }

            if (string.IsNullOrEmpty(call.Name) && !string.IsNullOrEmpty(update.FunctionName))
            {
                call.Name = update.FunctionName;
            }

            if (update.FunctionArgumentsUpdate is { } fragment && !fragment.IsEmpty)
            {
                call.Arguments.Append(fragment.ToString());
            }
        }
    }

    /// <summary>Completes every pending call, in index order, and forgets them.</summary>
    public List<AIContent> Complete()
    {
        var result = new List<AIContent>(_calls.Count);
        foreach (var (index, call) in _calls)
        {
            // A server that never sent an id still gets a stable, unique one so the result can be matched to the call.
            var id = string.IsNullOrEmpty(call.Id) ? $"call_{index}" : call.Id;
            result.Add(ChatResponseMapper.ToFunctionCall(id, call.Name ?? string.Empty, call.Arguments.ToString(), rawRepresentation: null));
        }

        _calls.Clear();
        return result;
    }

    private sealed class PendingCall
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
