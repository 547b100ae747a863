using System.Text.Json;

namespace Foreman.Schema;

/// <summary>
/// Supplies schema documents for external <c>$ref</c> targets while a schema is compiled.
/// The validator itself never fetches anything over the network; a resolver decides where documents come from.
/// </summary>
/// <remarks>Called only during <see cref="JsonSchema.Parse"/> and <see cref="JsonSchema.FromElement"/>, never during validation.
/// Implementations are called from the compiling thread only.</remarks>
public interface ISchemaResolver
{
    /// <summary>Looks up the document identified by <paramref name="uri"/> (an absolute URI without fragment).</summary>
    /// <param name="uri">The absolute URI of the wanted document.</param>
    /// <param name="document">The document, when found.</param>
    /// <returns><see langword="true"/> when the document is known.</returns>
    bool TryResolve(Uri uri, out JsonElement document);
}
