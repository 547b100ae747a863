namespace Foreman.Server.Auth;

/// <summary>The body of <c>POST /api/keys</c>.</summary>
/// <param name="Name">Who or what will use the key.</param>
/// <param name="Role">The role name: submitter, reviewer, operator or admin.</param>
internal sealed record CreateKeyRequest(string? Name, string? Role);
