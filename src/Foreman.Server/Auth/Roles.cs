namespace Foreman.Server.Auth;

/// <summary>Role names as they appear in the API, the CLI and the authorization policies.</summary>
public static class Roles
{
    /// <summary>The name of a role, in lower case (<c>reviewer</c>).</summary>
    /// <param name="role">The role.</param>
    /// <returns>The name.</returns>
    public static string Name(Role role) => role switch
    {
        Role.Submitter => "submitter",
        Role.Reviewer => "reviewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>Parses a role name (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="role">The role.</param>
    /// <returns>Whether the name is a role.</returns>
    public static bool TryParse(string? text, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>Gets every role, lowest first.</summary>
    public static IReadOnlyList<Role> All { get; } = [Role.Submitter, Role.Reviewer, Role.Operator, Role.Admin];

    /// <summary>The roles a key of <paramref name="role"/> holds: its own and every one below it.</summary>
    /// <param name="role">The key's role.</param>
    /// <returns>The held roles.</returns>
    public static IEnumerable<Role> Implied(Role role) => All.Where(r => r <= role);
}
