using System.Text.Json;
using Foreman.Schema;

namespace Foreman.Tests.Schema;

/// <summary>Loads suite files and remotes, runs every case through both validation paths, and tallies the results.</summary>
internal sealed class SuiteRunner
{
    private readonly string suite;
    private readonly Lazy<Dictionary<Uri, JsonElement>> remotes;

    public SuiteRunner(string suite)
    {
        this.suite = suite;
        remotes = new Lazy<Dictionary<Uri, JsonElement>>(LoadRemotes);
    }

    public static IEnumerable<SuiteCase> ReadCases(string path, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new List<SuiteCase>();
        foreach (var group in document.RootElement.EnumerateArray())
        {
            var schema = group.GetProperty("schema").Clone();
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                cases.Add(new SuiteCase(
                    name,
                    group.GetProperty("description").GetString()!,
                    test.GetProperty("description").GetString()!,
                    schema,
                    test.GetProperty("data").Clone(),
                    test.GetProperty("valid").GetBoolean()));
            }
        }

        return cases;
    }

    public IEnumerable<SuiteCase> ReadFolder(string relativeFolder)
    {
        var folder = Path.Combine(suite, "tests", relativeFolder);
        return Directory.GetFiles(folder, "*.json")
            .Order(StringComparer.Ordinal)
            .SelectMany(path => ReadCases(path, Path.GetFileName(path)));
    }

    /// <summary>Runs one case; returns <see langword="null"/> when it passes, otherwise what went wrong.</summary>
    public string? Run(SuiteCase test, SchemaDialect dialect, bool assertFormat)
    {
        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromElement(test.Schema, new JsonSchemaOptions
            {
                DefaultDialect = dialect,
                AssertFormat = assertFormat,
                KnownDocuments = remotes.Value,
            });
        }
        catch (JsonSchemaException e)
        {
            return $"schema rejected: {e.Message}";
        }

        var fast = schema.IsValid(test.Data);
        var full = schema.Validate(test.Data);
        if (fast != full.IsValid)
        {
            return $"IsValid returned {fast} but Validate returned {full.IsValid} ({full})";
        }

        if (fast != test.Valid)
        {
            return $"expected {(test.Valid ? "valid" : "invalid")}, got {(fast ? "valid" : "invalid: " + full)}";
        }

        if (!full.IsValid && full.Errors.Any(e => !e.InstancePath.StartsWith('/') || e.Message.Length == 0 || e.Keyword.Length == 0))
        {
            return $"an error lacks a path, keyword or message: {full}";
        }

        return null;
    }

    private Dictionary<Uri, JsonElement> LoadRemotes()
    {
        // The suite's convention: remotes/ is served at http://localhost:1234/. Nothing is fetched; the files are the documents.
        var folder = Path.Combine(suite, "remotes");
        var result = new Dictionary<Uri, JsonElement>();
        foreach (var path in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            result[new Uri("http://localhost:1234/" + relative)] = document.RootElement.Clone();
        }

        return result;
    }
}
