using Foreman.Models;
using Microsoft.Extensions.AI;

namespace Foreman.Tests.Agents;

/// <summary>Serves one client for every model id and remembers which ids were asked for.</summary>
internal sealed class FixedChatClientProvider(IChatClient client) : IChatClientProvider
{
    private readonly Lock _lock = new();
    private readonly List<string> _requested = [];

    public IReadOnlyList<string> RequestedModels
    {
        get
        {
            lock (_lock)
            {
                return [.. _requested];
            }
        }
    }

    public IChatClient GetChatClient(string modelId)
    {
        lock (_lock)
        {
            _requested.Add(modelId);
        }

        return client;
    }
}
