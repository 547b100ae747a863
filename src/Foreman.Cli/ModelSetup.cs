using System.Text.Json;
using Foreman.Models;
using Foreman.OpenAI;
using Foreman.Testing;

namespace Foreman.Cli;

/// <summary>
/// Chooses the model: the endpoint from foreman.json and FOREMAN_MODEL_* variables when one is configured,
/// otherwise Foreman's built-in simulated model.
/// </summary>
internal sealed record ModelSetup(ModelRouter Router, string Description, bool Simulated)
{
    public const string ConfigFileName = "foreman.json";

    private static readonly IReadOnlyDictionary<ModelTier, string> SimulatedTiers = new Dictionary<ModelTier, string>
    {
        [ModelTier.Fast] = "simulated-fast",
        [ModelTier.Standard] = "simulated-standard",
        [ModelTier.Premium] = "simulated-premium",
    };

    /// <summary>Builds the setup, or returns the configuration errors.</summary>
    public static (ModelSetup? Setup, IReadOnlyList<string> Errors) Create(CliEnvironment environment, string? configPath, ISimulationBehavior simulatedBehavior, SimulatedChatClientOptions? simulatedOptions = null)
    {
        ModelEndpointOptions? fromFile = null;
        var path = environment.Resolve(configPath ?? ConfigFileName);
        if (File.Exists(path))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                fromFile = ModelEndpointOptions.FromConfiguration(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or IOException or FormatException or ArgumentException)
            {
                return (null, [$"{path}: {ex.Message}"]);
            }
        }
        else if (configPath is not null)
        {
            return (null, [$"The configuration file {path} does not exist."]);
        }

        ModelEndpointOptions options;
        try
        {
            options = ModelEndpointOptions.FromEnvironment(environment.GetVariable, fromFile);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or UriFormatException)
        {
            return (null, [ex.Message]);
        }

        if (!options.IsConfigured)
        {
            var provider = new SimulatedChatClientProvider(simulatedBehavior, simulatedOptions);
            var router = new ModelRouter(ModelCatalog.Default, provider, SimulatedTiers);
            return (new ModelSetup(router, "the built-in simulated model (set FOREMAN_MODEL_ENDPOINT to use a real one)", true), []);
        }

        var validation = options.Validate();
        if (!validation.IsValid)
        {
            return (null, validation.Errors);
        }

        var openAi = new OpenAIChatClientProvider(options);
        return (new ModelSetup(openAi.CreateRouter(), $"the endpoint {Describe(options.Endpoint)}", false), []);
    }

    // Never print credentials a user may have put in the URL.
    private static string Describe(Uri? endpoint) =>
        endpoint is null ? "api.openai.com" : $"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}{endpoint.AbsolutePath}";
}
