using System.Text.Json;

namespace Foreman.Agents;

/// <summary>Checks a grounded output value against a system of record. Must be thread-safe.</summary>
public interface IGroundingVerifier
{
    /// <summary>Checks one value.</summary>
    /// <param name="pointer">The field's pointer.</param>
    /// <param name="value">The value the model produced.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="null"/> when the value is real, otherwise why it was refused.</returns>
    ValueTask<string?> VerifyAsync(string pointer, JsonElement value, CancellationToken cancellationToken);
}
