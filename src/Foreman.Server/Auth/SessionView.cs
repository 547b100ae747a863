namespace Foreman.Server.Auth;

/// <summary>Who the caller is, as <c>/auth/session</c> answers.</summary>
/// <param name="KeyId">The key id.</param>
/// <param name="Name">The key's name.</param>
/// <param name="Role">The key's role.</param>
/// <param name="Via">How the caller authenticated: <c>key</c> or <c>session</c>.</param>
/// <param name="CsrfToken">The anti-forgery token a session must echo in <c>X-CSRF-Token</c>; <see langword="null"/> for API keys.</param>
internal sealed record SessionView(string KeyId, string Name, Role Role, string Via, string? CsrfToken);
