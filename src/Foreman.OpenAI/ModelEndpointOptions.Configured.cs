namespace Foreman.OpenAI;

/// <content>Whether anything was configured at all.</content>
public sealed partial class ModelEndpointOptions
{
    /// <summary>
    /// Gets a value indicating whether the user configured a model endpoint at all: an endpoint, an API key, or
    /// a setting that failed to load. When <see langword="false"/>, hosts fall back to the simulated model.
    /// </summary>
    public bool IsConfigured => Endpoint is not null || !string.IsNullOrWhiteSpace(ApiKey) || _loadErrors.Count > 0;
}
