using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Foreman.Server.Auth;

/// <summary>Declares the role an endpoint needs; the authorization policy of the same name checks it.</summary>
internal static class RoleEndpointExtensions
{
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Roles.Name(role)).WithDescription($"Needs an API key (or dashboard session) with the {Roles.Name(role)} role or higher.");
}
