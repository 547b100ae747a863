namespace Foreman.OpenAI;

/// <content>Validation.</content>
public sealed partial class ModelEndpointOptions
{
    // CancellationTokenSource.CancelAfter, which enforces the timeout, accepts at most int.MaxValue milliseconds.
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Checks the options without throwing, so a command line can print every problem at once.</summary>
    /// <returns>The errors and warnings found; no message contains the API key.</returns>
    public ModelEndpointValidationResult Validate()
    {
        var errors = new List<string>(_loadErrors.Values);
        var warnings = new List<string>();

        if (Endpoint is not null && !_loadErrors.ContainsKey(nameof(Endpoint)))
        {
            ValidateEndpoint(Endpoint, errors, warnings);
        }

        // An endpoint that failed to load leaves Endpoint null; reporting "OpenAI needs a key" as well would mislead.
        if (Endpoint is null && !_loadErrors.ContainsKey(nameof(Endpoint)) && string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add($"An API key is required for api.openai.com: set {ModelEndpointSettingNames.ApiKeyVariable} (or {ModelEndpointSettingNames.ApiKeyKey}), or set {ModelEndpointSettingNames.EndpointVariable} to a self-hosted server.");
        }

        if (Endpoint is not null)
        {
            ValidateModelsForCustomEndpoint(errors, warnings);
        }

        if (!_loadErrors.ContainsKey(nameof(Timeout)) && (Timeout <= TimeSpan.Zero || Timeout > MaximumTimeout))
        {
            errors.Add($"The timeout ({ModelEndpointSettingNames.TimeoutSecondsVariable} / {ModelEndpointSettingNames.TimeoutSecondsKey}) must be positive and at most {MaximumTimeout.TotalDays:0} days, but was {Timeout.TotalSeconds:0.###} seconds.");
        }

        if (ApiKeyHeaderName is not null && (ApiKeyHeaderName.Length == 0 || ApiKeyHeaderName.Any(c => c <= ' ' || c >= 127 || c == ':')))
        {
            errors.Add($"The API key header name ({ModelEndpointSettingNames.ApiKeyHeaderVariable} / {ModelEndpointSettingNames.ApiKeyHeaderKey}) must be a plain HTTP header name such as 'api-key'.");
        }

        return new ModelEndpointValidationResult(errors, warnings);
    }

    /// <summary>Throws when <see cref="Validate"/> reports errors; for code paths that cannot continue without a usable endpoint.</summary>
    /// <exception cref="ArgumentException">The options have errors; the message lists them.</exception>
    internal void ThrowIfInvalid()
    {
        var result = Validate();
        if (!result.IsValid)
        {
            throw new ArgumentException("The model endpoint options are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, result.Errors), "options");
        }
    }

    private static void ValidateEndpoint(Uri endpoint, List<string> errors, List<string> warnings)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"The endpoint ({ModelEndpointSettingNames.EndpointVariable} / {ModelEndpointSettingNames.EndpointKey}) must be an absolute http or https URL such as http://127.0.0.1:11434/v1.");
            return;
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            warnings.Add($"The endpoint {DescribeEndpoint(endpoint)} carries credentials in the URL; use {ModelEndpointSettingNames.ApiKeyVariable} instead.");
        }
    }

    private void ValidateModelsForCustomEndpoint(List<string> errors, List<string> warnings)
    {
        var endpoint = DescribeEndpoint(Endpoint!);
        if (Endpoint!.IsAbsoluteUri && !Endpoint.IsLoopback)
        {
            if (string.IsNullOrWhiteSpace(ApiKey))
            {
                warnings.Add($"No API key is set for {endpoint}; requests are sent without authentication.");
            }
            else if (Endpoint.Scheme == Uri.UriSchemeHttp)
            {
                warnings.Add($"The API key is sent to {endpoint} over plain http.");
            }
        }

        // The catalog's fallbacks are OpenAI model names, which a self-hosted server rarely serves.
        var tiers = GetTierModels();
        if (tiers.Count == 0)
        {
            errors.Add($"A model is required when the endpoint is set ({endpoint}): set {ModelEndpointSettingNames.ModelVariable} (or {ModelEndpointSettingNames.ModelKey}), or a model per tier.");
        }
        else if (tiers.Count < 3)
        {
            var missing = Enum.GetValues<Foreman.Models.ModelTier>().Where(t => !tiers.ContainsKey(t));
            warnings.Add($"No model is set for the {string.Join(", ", missing)} tier(s); those fall back to the catalog's OpenAI model names, which {endpoint} may not serve.");
        }
    }
}
