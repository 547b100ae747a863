using Microsoft.Extensions.AI;

namespace Foreman.Models;

/// <summary>
/// Hands out an <see cref="IChatClient"/> for a model id. Implementations must be thread-safe and should
/// cache clients: the agent loop asks once per model call.
/// </summary>
public interface IChatClientProvider
{
    /// <summary>Gets the client that serves <paramref name="modelId"/>.</summary>
    /// <param name="modelId">The model id, as listed in the catalog or configured by the user.</param>
    /// <returns>A client whose calls go to that model.</returns>
    IChatClient GetChatClient(string modelId);
}
