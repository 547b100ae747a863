using System.Security.Cryptography;
using System.Text;

namespace Foreman.Server.Auth;

/// <summary>
/// The key format: <c>fm_{id}_{secret}</c>, where the id (12 hex digits) finds the stored row and the secret is
/// 32 random bytes in base64url. The store keeps SHA-256 of the whole key: the secret has 256 bits of entropy, so a
/// slow password hash would add cost per request and no protection (docs/decisions/0020-api-keys.md).
/// </summary>
public static class ApiKeySecret
{
    private const string Prefix = "fm_";

    /// <summary>Generates a new key.</summary>
    /// <returns>The key id and the full secret.</returns>
    public static (string KeyId, string Secret) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"key_{id}", $"{Prefix}{id}_{secret}");
    }

    /// <summary>Extracts the key id from a presented secret without trusting it.</summary>
    /// <param name="secret">The presented key.</param>
    /// <param name="keyId">The id it claims.</param>
    /// <returns>Whether the text has the shape of a key.</returns>
    public static bool TryGetKeyId(string? secret, out string keyId)
    {
        keyId = string.Empty;
        if (secret is null || secret.Length != Prefix.Length + 12 + 1 + 43 || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret[Prefix.Length + 12] != '_')
        {
            return false;
        }

        var id = secret.AsSpan(Prefix.Length, 12);
        foreach (var c in id)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        keyId = $"key_{id}";
        return true;
    }

    /// <summary>The stored hash of a key.</summary>
    /// <param name="secret">The full key.</param>
    /// <returns>SHA-256, lower-case hex.</returns>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two hashes in constant time.</summary>
    /// <param name="expected">The stored hash.</param>
    /// <param name="actual">The presented key's hash.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool HashesEqual(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
