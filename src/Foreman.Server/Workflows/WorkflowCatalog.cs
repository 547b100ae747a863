using System.Text.Json;
using Foreman.Workflows;

namespace Foreman.Server.Workflows;

/// <summary>
/// The workflows the server runs, with their descriptions and input types, so a submission with an input the
/// workflow cannot read is refused with a 400 at the door instead of failing later in a worker.
/// </summary>
internal sealed class WorkflowCatalog
{
    private (JsonSerializerOptions Source, JsonSerializerOptions Strict)? _strict;
    private readonly Dictionary<string, (WorkflowDescription Description, Type? InputType)> _entries = new(StringComparer.Ordinal);

    public WorkflowCatalog(IEnumerable<IWorkflow> workflows, IEnumerable<WorkflowDescription> descriptions)
    {
        var known = descriptions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var workflow in workflows)
        {
            _entries[workflow.Name] = (known.GetValueOrDefault(workflow.Name) ?? new WorkflowDescription(workflow.Name), InputTypeOf(workflow.GetType()));
        }
    }

    public IEnumerable<WorkflowDescription> All => _entries.Values.Select(e => e.Description).OrderBy(d => d.Name, StringComparer.Ordinal);

    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Checks that <paramref name="input"/> deserializes into the workflow's input type.</summary>
    /// <returns>The error, or <see langword="null"/> when the input is readable (or the type is unknown).</returns>
    public string? CheckInput(string workflow, JsonElement input, JsonSerializerOptions options)
    {
        if (!_entries.TryGetValue(workflow, out var entry) || entry.InputType is null)
        {
            return null;
        }

        // Stricter than the workflow itself: a misspelt or missing field is the caller's mistake, found now rather than
        // as a run that fails (or, worse, runs with a default) later.
        var strict = _strict is { } cached && ReferenceEquals(cached.Source, options) ? cached.Strict : null;
        strict ??= new JsonSerializerOptions(options)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
        };
        _strict = (options, strict);
        try
        {
            var value = input.Deserialize(entry.InputType, strict);
            return value is null && entry.InputType.IsClass ? $"'{workflow}' needs an input; got null." : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return $"The input does not fit '{workflow}': {ex.Message}";
        }
    }

    private static Type? InputTypeOf(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Workflow<,>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
