using Microsoft.Extensions.AI;

namespace Foreman.Tests.Agents;

/// <summary>
/// Sits in front of a chat client: records every request and, when told to, fails the next calls with the given
/// exceptions (a 429, a 401) before the inner client is asked. Thread-safe.
/// </summary>
internal sealed class RecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private readonly Lock _lock = new();
    private readonly Queue<Exception> _failures = new();
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>Gets every request received, failed ones included.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Makes the next calls throw these exceptions, one per call, in order.</summary>
    public void FailNext(params Exception[] failures)
    {
        lock (_lock)
        {
            foreach (var failure in failures)
            {
                _failures.Enqueue(failure);
            }
        }
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Exception? failure;
        lock (_lock)
        {
            _requests.Add(RecordedRequest.From(messages, options));
            _failures.TryDequeue(out failure);
        }

        if (failure is not null)
        {
            throw failure;
        }

        return await base.GetResponseAsync(messages, options, cancellationToken);
    }
}
