using System.Text.Json;

namespace Foreman.Cli.Workflows;

/// <summary>
/// Reads a JSON value given on the command line inline or as a file. (Not <c>@file</c>: System.CommandLine reads
/// <c>@</c> tokens as response files.)
/// </summary>
internal static class JsonArgument
{
    /// <summary>The parsed value, <paramref name="fallback"/> when neither was given, or why it cannot be used.</summary>
    public static async Task<(JsonElement Value, string? Error)> ReadAsync(CliEnvironment environment, string? text, string? file, string fallback, CancellationToken cancellationToken)
    {
        if (text is not null && file is not null)
        {
            return (default, "give the JSON inline or as a file, not both.");
        }

        var json = text ?? fallback;
        if (file is not null)
        {
            var path = environment.Resolve(file);
            if (!File.Exists(path))
            {
                return (default, $"the file {path} does not exist.");
            }

            json = await File.ReadAllTextAsync(path, cancellationToken);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, $"not valid JSON: {ex.Message}");
        }
    }
}
