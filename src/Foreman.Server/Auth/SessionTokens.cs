using System.Security.Cryptography;
using System.Text;

namespace Foreman.Server.Auth;

/// <summary>
/// Session tokens: 256 random bits in base64url, stored only as SHA-256. The anti-forgery token is derived from the
/// session token with a separate, labelled hash, so the server needs to store nothing for it, a copy of the database
/// (which holds only the token's hash) cannot produce it, and another site, which never sees the HttpOnly cookie,
/// cannot compute it either.
/// </summary>
public static class SessionTokens
{
    /// <summary>The longest token accepted before hashing; anything longer is not one of ours.</summary>
    public const int MaxLength = 100;

    private static readonly byte[] CsrfLabel = Encoding.ASCII.GetBytes("foreman-csrf-v1\n");

    /// <summary>Generates a new session token.</summary>
    /// <returns>43 base64url characters.</returns>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The hash a store keeps for a token.</summary>
    /// <param name="token">The token.</param>
    /// <returns>SHA-256, lower-case hex.</returns>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The anti-forgery token of a session.</summary>
    /// <param name="token">The session token.</param>
    /// <returns>43 base64url characters, different from the token and from its stored hash.</returns>
    public static string CsrfFor(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        var input = new byte[CsrfLabel.Length + bytes.Length];
        CsrfLabel.CopyTo(input, 0);
        bytes.CopyTo(input, CsrfLabel.Length);
        return Base64Url(SHA256.HashData(input));
    }

    /// <summary>Whether a presented cookie value could be a token at all (checked before any hashing or store access).</summary>
    /// <param name="token">The presented value.</param>
    /// <returns>Whether it is non-empty and not too long.</returns>
    public static bool IsPlausible(string? token) => !string.IsNullOrEmpty(token) && token.Length <= MaxLength;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
