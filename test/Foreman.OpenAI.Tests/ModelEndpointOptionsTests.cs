using System.Collections;
using System.Text.Json;
using Foreman.Models;

namespace Foreman.OpenAI.Tests;

public sealed class ModelEndpointOptionsTests
{
    [Fact]
    public void FromEnvironment_AllVariables_AreRead()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FOREMAN_MODEL_ENDPOINT"] = "http://127.0.0.1:11434/v1",
            ["FOREMAN_MODEL_API_KEY"] = "secret-key",
            ["FOREMAN_MODEL"] = "llama3.1",
            ["FOREMAN_MODEL_FAST"] = "llama3.2:1b",
            ["FOREMAN_MODEL_STANDARD"] = "llama3.1:8b",
            ["FOREMAN_MODEL_PREMIUM"] = "llama3.1:70b",
            ["FOREMAN_MODEL_TIMEOUT_SECONDS"] = "12.5",
            ["FOREMAN_MODEL_ORGANIZATION"] = "org",
            ["FOREMAN_MODEL_PROJECT"] = "proj",
            ["FOREMAN_MODEL_API_KEY_HEADER"] = "api-key",
        };

        var options = ModelEndpointOptions.FromEnvironment(environment.GetValueOrDefault);

        options.Endpoint.ShouldBe(new Uri("http://127.0.0.1:11434/v1"));
        options.ApiKey.ShouldBe("secret-key");
        options.Model.ShouldBe("llama3.1");
        options.FastModel.ShouldBe("llama3.2:1b");
        options.StandardModel.ShouldBe("llama3.1:8b");
        options.PremiumModel.ShouldBe("llama3.1:70b");
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(12.5));
        options.Organization.ShouldBe("org");
        options.Project.ShouldBe("proj");
        options.ApiKeyHeaderName.ShouldBe("api-key");
        options.Validate().IsValid.ShouldBeTrue();
    }

    [Fact]
    public void FromEnvironment_NothingSet_HasDefaults()
    {
        var options = ModelEndpointOptions.FromEnvironment(new Hashtable());

        options.Endpoint.ShouldBeNull();
        options.Model.ShouldBeNull();
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(100));
    }

    [Fact]
    public void FromEnvironment_OverConfiguration_EnvironmentWinsAndFileFillsTheRest()
    {
        var file = ModelEndpointOptions.FromConfiguration(JsonDocument.Parse("""
            { "Model": { "Endpoint": "http://127.0.0.1:8000/v1", "Model": "file-model", "Tiers": { "Fast": "file-fast" }, "TimeoutSeconds": 30 } }
            """).RootElement);
        var environment = new Hashtable { ["FOREMAN_MODEL"] = "env-model", ["FOREMAN_MODEL_FAST"] = "" };

        var options = ModelEndpointOptions.FromEnvironment(environment, file);

        options.Model.ShouldBe("env-model");
        options.FastModel.ShouldBe("file-fast");
        options.Endpoint.ShouldBe(new Uri("http://127.0.0.1:8000/v1"));
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(30));
        file.Model.ShouldBe("file-model");
    }

    [Fact]
    public void FromConfiguration_JsonSection_ReadsEveryKeyCaseInsensitively()
    {
        var options = ModelEndpointOptions.FromConfiguration(JsonDocument.Parse("""
            {
              "agents": [],
              "model": {
                "endpoint": "https://example.test/v1",
                "apiKey": "k",
                "MODEL": "m",
                "Tiers": { "Fast": "f", "Standard": "s", "Premium": "p" },
                "TimeoutSeconds": 45,
                "Organization": "o",
                "Project": "p1"
              }
            }
            """).RootElement);

        options.Endpoint.ShouldBe(new Uri("https://example.test/v1"));
        options.ApiKey.ShouldBe("k");
        options.Model.ShouldBe("m");
        options.FastModel.ShouldBe("f");
        options.StandardModel.ShouldBe("s");
        options.PremiumModel.ShouldBe("p");
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(45));
        options.Organization.ShouldBe("o");
        options.Project.ShouldBe("p1");
    }

    [Fact]
    public void FromConfiguration_FlatDictionary_ReadsColonKeys()
    {
        var options = ModelEndpointOptions.FromConfiguration(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["model:endpoint"] = "http://localhost:8080/v1",
            ["Model:Tiers:Premium"] = "big",
            ["Model:TimeoutSeconds"] = "5",
        });

        options.Endpoint.ShouldBe(new Uri("http://localhost:8080/v1"));
        options.PremiumModel.ShouldBe("big");
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void FromConfiguration_NotAnObject_IsReportedByValidate()
    {
        var options = ModelEndpointOptions.FromConfiguration(JsonDocument.Parse("[]").RootElement);

        options.Validate().Errors.ShouldContain(e => e.Contains("JSON object"));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.test/v1")]
    [InlineData("/v1/relative")]
    public void Validate_BadEndpoint_ReportsErrorNamingTheVariable(string endpoint)
    {
        var options = ModelEndpointOptions.FromEnvironment(new Hashtable { ["FOREMAN_MODEL_ENDPOINT"] = endpoint, ["FOREMAN_MODEL"] = "m" });

        var result = options.Validate();

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ShouldContain("FOREMAN_MODEL_ENDPOINT");
    }

    [Fact]
    public void Validate_BadEndpointFixedInCode_IsValid()
    {
        var options = ModelEndpointOptions.FromEnvironment(new Hashtable { ["FOREMAN_MODEL_ENDPOINT"] = "nope", ["FOREMAN_MODEL"] = "m" });

        options.Endpoint = new Uri("http://127.0.0.1:1234/v1");

        options.Validate().IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Validate_EndpointWithoutModel_ReportsMissingModel()
    {
        var options = new ModelEndpointOptions { Endpoint = new Uri("http://127.0.0.1:11434/v1") };

        var result = options.Validate();

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ShouldContain("FOREMAN_MODEL");
    }

    [Fact]
    public void Validate_EndpointWithSomeTiers_WarnsAboutTheOthers()
    {
        var options = new ModelEndpointOptions { Endpoint = new Uri("http://127.0.0.1:11434/v1"), FastModel = "small" };

        var result = options.Validate();

        result.IsValid.ShouldBeTrue();
        result.Warnings.ShouldHaveSingleItem().ShouldContain("Standard, Premium");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Validate_NonPositiveTimeout_ReportsError(double seconds)
    {
        var options = ModelEndpointOptions.FromEnvironment(new Hashtable
        {
            ["FOREMAN_MODEL_ENDPOINT"] = "http://127.0.0.1:1/v1",
            ["FOREMAN_MODEL"] = "m",
            ["FOREMAN_MODEL_TIMEOUT_SECONDS"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var result = options.Validate();

        options.Timeout.ShouldBe(TimeSpan.FromSeconds(seconds));
        result.Errors.ShouldHaveSingleItem().ShouldContain("timeout");
    }

    [Fact]
    public void Validate_TimeoutNotANumber_ReportsError()
    {
        var options = ModelEndpointOptions.FromEnvironment(new Hashtable
        {
            ["FOREMAN_MODEL_ENDPOINT"] = "http://127.0.0.1:1/v1",
            ["FOREMAN_MODEL"] = "m",
            ["FOREMAN_MODEL_TIMEOUT_SECONDS"] = "ten",
        });

        options.Validate().Errors.ShouldHaveSingleItem().ShouldContain("FOREMAN_MODEL_TIMEOUT_SECONDS");
    }

    [Fact]
    public void Validate_OpenAIWithoutApiKey_ReportsError()
    {
        var result = new ModelEndpointOptions { Model = "gpt-4o-mini" }.Validate();

        result.Errors.ShouldHaveSingleItem().ShouldContain("FOREMAN_MODEL_API_KEY");
    }

    [Fact]
    public void Validate_LoopbackWithoutApiKey_IsValidWithoutWarnings()
    {
        var result = new ModelEndpointOptions { Endpoint = new Uri("http://localhost:11434/v1"), Model = "llama3.1" }.Validate();

        result.IsValid.ShouldBeTrue();
        result.Warnings.ShouldBeEmpty();
        result.ToString().ShouldBe("valid");
    }

    [Fact]
    public void Validate_RemoteWithoutApiKey_Warns()
    {
        var result = new ModelEndpointOptions { Endpoint = new Uri("https://vllm.internal.test/v1"), Model = "qwen" }.Validate();

        result.IsValid.ShouldBeTrue();
        result.Warnings.ShouldHaveSingleItem().ShouldContain("without authentication");
    }

    [Fact]
    public void Validate_SeveralProblems_AreAllReported()
    {
        var options = ModelEndpointOptions.FromEnvironment(new Hashtable
        {
            ["FOREMAN_MODEL_ENDPOINT"] = "::bad::",
            ["FOREMAN_MODEL_TIMEOUT_SECONDS"] = "-5",
            ["FOREMAN_MODEL_API_KEY_HEADER"] = "bad header",
        });

        options.Validate().Errors.Count.ShouldBe(3);
    }

    [Fact]
    public void ToStringAndValidation_NeverRevealTheApiKey()
    {
        var options = new ModelEndpointOptions
        {
            Endpoint = new Uri("http://user:pw@example.test/v1?key=query-secret"),
            ApiKey = "sk-very-secret",
            Timeout = TimeSpan.FromSeconds(-1),
        };

        var text = options.ToString();
        var result = options.Validate().ToString();

        text.ShouldContain("ApiKey = (set)");
        text.ShouldContain("http://example.test/v1");
        foreach (var secret in new[] { "sk-very-secret", "query-secret", "pw@" })
        {
            text.ShouldNotContain(secret);
            result.ShouldNotContain(secret);
        }
    }

    [Fact]
    public void GetTierModels_FallsBackToModelPerTier()
    {
        var options = new ModelEndpointOptions { Model = "general", PremiumModel = "big" };

        options.GetTierModels().ShouldBe(new Dictionary<ModelTier, string>
        {
            [ModelTier.Fast] = "general",
            [ModelTier.Standard] = "general",
            [ModelTier.Premium] = "big",
        });
        new ModelEndpointOptions().GetTierModels().ShouldBeEmpty();
    }
}
