using System.Text.Json;

namespace Foreman.Tests.Schema;

/// <summary>One test of the official suite: a schema, an instance and the expected verdict.</summary>
internal sealed record SuiteCase(string File, string Group, string Description, JsonElement Schema, JsonElement Data, bool Valid)
{
    public string Name => $"{File} / {Group} / {Description}";
}
