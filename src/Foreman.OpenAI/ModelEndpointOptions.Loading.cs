using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Foreman.OpenAI;

/// <content>Reading options from environment variables and from configuration.</content>
public sealed partial class ModelEndpointOptions
{
    private static readonly Setting[] Settings =
    [
        new(ModelEndpointSettingNames.EndpointVariable, ModelEndpointSettingNames.EndpointKey, static (o, v, s) => o.ApplyEndpoint(v, s)),
        new(ModelEndpointSettingNames.ApiKeyVariable, ModelEndpointSettingNames.ApiKeyKey, static (o, v, _) => o.ApiKey = v),
        new(ModelEndpointSettingNames.ApiKeyHeaderVariable, ModelEndpointSettingNames.ApiKeyHeaderKey, static (o, v, _) => o.ApiKeyHeaderName = v),
        new(ModelEndpointSettingNames.ModelVariable, ModelEndpointSettingNames.ModelKey, static (o, v, _) => o.Model = v),
        new(ModelEndpointSettingNames.FastModelVariable, ModelEndpointSettingNames.FastModelKey, static (o, v, _) => o.FastModel = v),
        new(ModelEndpointSettingNames.StandardModelVariable, ModelEndpointSettingNames.StandardModelKey, static (o, v, _) => o.StandardModel = v),
        new(ModelEndpointSettingNames.PremiumModelVariable, ModelEndpointSettingNames.PremiumModelKey, static (o, v, _) => o.PremiumModel = v),
        new(ModelEndpointSettingNames.TimeoutSecondsVariable, ModelEndpointSettingNames.TimeoutSecondsKey, static (o, v, s) => o.ApplyTimeoutSeconds(v, s)),
        new(ModelEndpointSettingNames.OrganizationVariable, ModelEndpointSettingNames.OrganizationKey, static (o, v, _) => o.Organization = v),
        new(ModelEndpointSettingNames.ProjectVariable, ModelEndpointSettingNames.ProjectKey, static (o, v, _) => o.Project = v),
    ];

    /// <summary>
    /// Reads the <c>FOREMAN_MODEL_*</c> environment variables (see <see cref="ModelEndpointSettingNames"/>) over
    /// <paramref name="defaults"/>, so that environment variables override a configuration file.
    /// </summary>
    /// <param name="getVariable">Reads one variable, for example <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="defaults">Values to start from, usually <see cref="FromConfiguration(JsonElement)"/>; not modified.</param>
    /// <returns>New options. Values that cannot be parsed are reported by <see cref="Validate"/>, not thrown.</returns>
    public static ModelEndpointOptions FromEnvironment(Func<string, string?> getVariable, ModelEndpointOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var options = defaults?.Clone() ?? new ModelEndpointOptions();
        foreach (var setting in Settings)
        {
            options.Apply(setting, getVariable(setting.EnvironmentVariable), setting.EnvironmentVariable);
        }

        return options;
    }

    /// <summary>Reads the <c>FOREMAN_MODEL_*</c> variables from a dictionary such as <see cref="Environment.GetEnvironmentVariables()"/>.</summary>
    /// <param name="environment">Variable names to values.</param>
    /// <param name="defaults">Values to start from; not modified.</param>
    /// <returns>New options. Values that cannot be parsed are reported by <see cref="Validate"/>, not thrown.</returns>
    public static ModelEndpointOptions FromEnvironment(IDictionary environment, ModelEndpointOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return FromEnvironment(name => environment.Contains(name) ? environment[name] as string : null, defaults);
    }

    /// <summary>
    /// Reads flattened configuration keys such as <c>Model:Endpoint</c> and <c>Model:Tiers:Fast</c> (see
    /// <see cref="ModelEndpointSettingNames"/>); keys are case-insensitive.
    /// </summary>
    /// <param name="settings">Flattened keys to values.</param>
    /// <returns>New options. Values that cannot be parsed are reported by <see cref="Validate"/>, not thrown.</returns>
    public static ModelEndpointOptions FromConfiguration(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var byKey = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            byKey[key] = value;
        }

        var options = new ModelEndpointOptions();
        foreach (var setting in Settings)
        {
            options.Apply(setting, byKey.GetValueOrDefault(setting.ConfigurationKey), setting.ConfigurationKey);
        }

        return options;
    }

    /// <summary>
    /// Reads the <c>Model</c> section of a <c>foreman.json</c> document:
    /// <c>{ "Model": { "Endpoint": "...", "ApiKey": "...", "Model": "...", "Tiers": { "Fast": "..." }, "TimeoutSeconds": 30 } }</c>.
    /// </summary>
    /// <param name="root">The document's root element.</param>
    /// <returns>New options; empty when the section is absent. Problems are reported by <see cref="Validate"/>, not thrown.</returns>
    public static ModelEndpointOptions FromConfiguration(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            var invalid = new ModelEndpointOptions();
            invalid._loadErrors["Configuration"] = $"The configuration must be a JSON object, not {root.ValueKind}.";
            return invalid;
        }

        var flat = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, ModelEndpointSettingNames.Section, StringComparison.OrdinalIgnoreCase))
            {
                Flatten(property.Value, property.Name, flat);
            }
        }

        return FromConfiguration(flat);
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string?> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path + ":" + property.Name, into);
                }

                break;
            case JsonValueKind.String:
                into[path] = element.GetString();
                break;
            case JsonValueKind.Null:
                into[path] = null;
                break;
            case JsonValueKind.Array:
                // No model setting is a list; ignoring arrays keeps unrelated future keys from failing the load.
                break;
            default:
                into[path] = element.GetRawText();
                break;
        }
    }

    private void Apply(Setting setting, string? value, string source)
    {
        // An empty variable means "not set": shells and container specs often export FOO= to clear a value.
        if (!string.IsNullOrWhiteSpace(value))
        {
            setting.Apply(this, value.Trim(), source);
        }
    }

    private void ApplyEndpoint(string value, string source)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            Endpoint = uri;
        }
        else
        {
            _loadErrors[nameof(Endpoint)] = $"{source} must be an absolute http or https URL such as http://127.0.0.1:11434/v1, but was '{value}'.";
        }
    }

    private void ApplyTimeoutSeconds(string value, string source)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds)
            && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
        {
            Timeout = TimeSpan.FromSeconds(seconds);
        }
        else
        {
            _loadErrors[nameof(Timeout)] = $"{source} must be a number of seconds, but was '{value}'.";
        }
    }

    private sealed record Setting(string EnvironmentVariable, string ConfigurationKey, Action<ModelEndpointOptions, string, string> Apply);
}
