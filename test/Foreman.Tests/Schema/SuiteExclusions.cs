namespace Foreman.Tests.Schema;

/// <summary>
/// Suite cases we knowingly do not pass, each with its reason. A key is "file", "file / group" or "file / group / test".
/// Keywords the validator claims to support have no entries here. An entry that no longer excludes a failing case
/// fails the suite test, so this list cannot go stale.
/// </summary>
internal static class SuiteExclusions
{
    private const string Metaschema = "Needs the official metaschema document, which is not bundled and never fetched; passes when the metaschemas are supplied through KnownDocuments.";

    public static IReadOnlyDictionary<string, string> Draft202012 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["defs.json / validate definition against metaschema"] = Metaschema,
        ["ref.json / remote ref, containing refs itself"] = Metaschema,
    };

    public static IReadOnlyDictionary<string, string> Draft7 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["definitions.json / validate definition against metaschema"] = Metaschema,
        ["ref.json / remote ref, containing refs itself"] = Metaschema,
    };

    public static IReadOnlyDictionary<string, string> Optional202012 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dependencies-compatibility.json"] = "Draft 7 'dependencies' is not honoured in 2020-12 schemas (it was replaced by dependentRequired/dependentSchemas).",
        ["cross-draft.json / refs to historic drafts are processed as historic drafts"] = "Draft 2019-09 is not a supported dialect; a 2019-09 $schema is compiled as 2020-12.",
    };

    public static IReadOnlyDictionary<string, string> Optional7 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["content.json"] = "contentMediaType/contentEncoding are annotations only; content is not decoded or asserted.",
    };

    public static IReadOnlyDictionary<string, string> Format202012 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    public static IReadOnlyDictionary<string, string> Format7 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    public static string? Find(IReadOnlyDictionary<string, string> exclusions, SuiteCase test, out string? key)
    {
        foreach (var candidate in new[] { test.File, $"{test.File} / {test.Group}", test.Name })
        {
            if (exclusions.TryGetValue(candidate, out var reason))
            {
                key = candidate;
                return reason;
            }
        }

        key = null;
        return null;
    }
}
