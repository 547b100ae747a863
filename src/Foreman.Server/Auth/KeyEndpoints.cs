using Foreman.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Auth;

/// <summary>API key management (admin): list, create (the secret is in the answer, once), revoke.</summary>
internal static class KeyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/keys").WithTags("Keys").RequireRole(Role.Admin);
        group.MapGet("/", ListAsync).Produces<IReadOnlyList<ApiKeyView>>().WithSummary("Lists API keys (never their secrets).");
        group.MapPost("/", CreateAsync).Accepts<CreateKeyRequest>("application/json").Produces<ApiKeyView>(201).ProducesProblem(400)
            .WithSummary("Creates an API key; the answer holds the secret, which is not stored and never shown again.");
        group.MapPost("/{keyId}/revoke", RevokeAsync).Produces<ApiKeyView>().ProducesProblem(404).WithSummary("Revokes a key; its sessions end at once.");
    }

    private static async Task<IResult> ListAsync(IApiKeyStore keys, CancellationToken cancellationToken) =>
        Results.Ok((await keys.ListAsync(cancellationToken)).Select(k => ApiKeyView.From(k)).ToList());

    private static async Task<IResult> CreateAsync(HttpContext context, IApiKeyStore keys, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateKeyRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(body!.Name) || body.Name.Length > 100)
        {
            errors.Add("name: required, at most 100 characters.");
        }

        if (!Roles.TryParse(body.Role, out var role))
        {
            errors.Add("role: one of submitter, reviewer, operator, admin.");
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest("The key cannot be created.", errors);
        }

        var created = await keys.CreateAsync(body.Name!, role, time.GetUtcNow(), context.RequestAborted);
        return Results.Created($"/api/keys/{created.Info.KeyId}", ApiKeyView.From(created.Info, created.Secret));
    }

    private static async Task<IResult> RevokeAsync(string keyId, IApiKeyStore keys, DashboardSessions sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await keys.RevokeAsync(keyId, time.GetUtcNow(), cancellationToken);
        if (key is null)
        {
            return Problems.NotFound($"There is no key {keyId}.");
        }

        // The key itself is re-checked on every session request too; deleting its sessions leaves nothing behind.
        await sessions.CloseAllForKeyAsync(keyId, cancellationToken);
        return Results.Ok(ApiKeyView.From(key));
    }
}
