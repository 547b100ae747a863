using System.Text.Json;

namespace Foreman.Cli.Tests;

/// <summary>With FOREMAN_MODEL_ENDPOINT set, `agent run` talks to that endpoint (a loopback OpenAI-protocol server here).</summary>
public sealed class AgentRunEndpointTests
{
    private const string Answer = """{"urgency":"normal","topic":"general","order_id":null,"article_id":null,"reply_draft":"Hello, a colleague will answer your question today.","confidence":0.7}""";

    [Fact]
    public async Task AgentRun_EndpointConfigured_CallsItAndNotTheSimulatedModel()
    {
        var requests = new List<JsonElement>();
        await using var endpoint = LoopbackChatEndpoint.Start(body =>
        {
            lock (requests)
            {
                requests.Add(body);
            }

            return new LoopbackChatEndpoint.ChatAnswer(Answer, PromptTokens: 321, CompletionTokens: 45);
        });
        var folder = Directory.CreateTempSubdirectory("foreman-cli-endpoint-").FullName;

        try
        {
            var (code, output, error) = await CliRunner.RunAsync(["agent", "run", "--agent", "ticket-triage", "--json"], endpoint.Variables, folder);

            code.ShouldBe(0, error);
            using var json = JsonDocument.Parse(output);
            json.RootElement.GetProperty("simulated").GetBoolean().ShouldBeFalse();
            json.RootElement.GetProperty("model").GetString().ShouldBe("local-model");
            json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt64().ShouldBe(321);
            lock (requests)
            {
                requests.ShouldHaveSingleItem().GetProperty("model").GetString().ShouldBe("local-model");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
