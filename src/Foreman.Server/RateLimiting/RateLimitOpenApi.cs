using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Foreman.Server.RateLimiting;

/// <summary>Describes the 429 answer on every operation of the OpenAPI document, so client generators expect it.</summary>
internal static class RateLimitOpenApi
{
    public static void AddTooManyRequests(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses.TryAdd("429", new OpenApiResponse
            {
                Description = "Too many requests: over this key's (or, without a key, this address's) rate limit. Retry after the Retry-After header's seconds; nothing was changed.",
            });
            return Task.CompletedTask;
        });
}
