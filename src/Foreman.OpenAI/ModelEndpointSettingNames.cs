namespace Foreman.OpenAI;

/// <summary>
/// The names under which <see cref="ModelEndpointOptions"/> are read: environment variables and the keys of the
/// <c>Model</c> section of <c>foreman.json</c> (flattened with <c>:</c>, as Microsoft.Extensions.Configuration does).
/// </summary>
public static class ModelEndpointSettingNames
{
    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.Endpoint"/>.</summary>
    public const string EndpointVariable = "FOREMAN_MODEL_ENDPOINT";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.ApiKey"/>.</summary>
    public const string ApiKeyVariable = "FOREMAN_MODEL_API_KEY";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.ApiKeyHeaderName"/>.</summary>
    public const string ApiKeyHeaderVariable = "FOREMAN_MODEL_API_KEY_HEADER";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.Model"/>.</summary>
    public const string ModelVariable = "FOREMAN_MODEL";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.FastModel"/>.</summary>
    public const string FastModelVariable = "FOREMAN_MODEL_FAST";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.StandardModel"/>.</summary>
    public const string StandardModelVariable = "FOREMAN_MODEL_STANDARD";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.PremiumModel"/>.</summary>
    public const string PremiumModelVariable = "FOREMAN_MODEL_PREMIUM";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.Timeout"/>, in seconds.</summary>
    public const string TimeoutSecondsVariable = "FOREMAN_MODEL_TIMEOUT_SECONDS";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.Organization"/>.</summary>
    public const string OrganizationVariable = "FOREMAN_MODEL_ORGANIZATION";

    /// <summary>The environment variable holding <see cref="ModelEndpointOptions.Project"/>.</summary>
    public const string ProjectVariable = "FOREMAN_MODEL_PROJECT";

    /// <summary>The configuration section that holds the model settings.</summary>
    public const string Section = "Model";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.Endpoint"/>.</summary>
    public const string EndpointKey = "Model:Endpoint";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.ApiKey"/>.</summary>
    public const string ApiKeyKey = "Model:ApiKey";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.ApiKeyHeaderName"/>.</summary>
    public const string ApiKeyHeaderKey = "Model:ApiKeyHeader";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.Model"/>.</summary>
    public const string ModelKey = "Model:Model";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.FastModel"/>.</summary>
    public const string FastModelKey = "Model:Tiers:Fast";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.StandardModel"/>.</summary>
    public const string StandardModelKey = "Model:Tiers:Standard";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.PremiumModel"/>.</summary>
    public const string PremiumModelKey = "Model:Tiers:Premium";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.Timeout"/>, in seconds.</summary>
    public const string TimeoutSecondsKey = "Model:TimeoutSeconds";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.Organization"/>.</summary>
    public const string OrganizationKey = "Model:Organization";

    /// <summary>The configuration key of <see cref="ModelEndpointOptions.Project"/>.</summary>
    public const string ProjectKey = "Model:Project";
}
