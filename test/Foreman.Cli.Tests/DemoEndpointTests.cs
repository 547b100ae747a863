using System.Text.Json;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Pipelines.Invoices;
using Foreman.Testing;
using Microsoft.Extensions.AI;

namespace Foreman.Cli.Tests;

/// <summary>
/// The invoice pipeline against an OpenAI-compatible endpoint on loopback: the real prompts travel over HTTP, and a
/// server that reads them (with the sample simulation as its "model") answers.
/// </summary>
public sealed class DemoEndpointTests
{
    [Fact]
    public async Task Demo_EndpointConfigured_SendsThePipelinePromptsOverHttp()
    {
        var systemPrompts = new List<string>();
        var simulation = new SampleSimulation(SimulationRates.Default with { AmountError = 0, ClassificationError = 0, FieldError = 0 });
        await using var endpoint = LoopbackChatEndpoint.Start(body =>
        {
            var messages = body.GetProperty("messages").EnumerateArray()
                .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), Content(m.GetProperty("content"))))
                .ToList();
            lock (systemPrompts)
            {
                systemPrompts.Add(messages[0].Text);
            }

            var turn = simulation.NextTurn(new SimulationTurnContext(messages, null, LoopbackChatEndpoint.Model, 1, 7));
            return new LoopbackChatEndpoint.ChatAnswer(turn.Text, PromptTokens: 300, CompletionTokens: 30);
        });
        var folder = Directory.CreateTempSubdirectory("foreman-demo-endpoint-").FullName;

        try
        {
            var (code, output, error) = await CliRunner.RunAsync(["demo", "-p", "invoice-processing", "-n", "8", "--json"], endpoint.Variables, folder);

            code.ShouldBe(0, error);
            using var json = JsonDocument.Parse(output);
            json.RootElement.GetProperty("model").GetString()!.ShouldContain("127.0.0.1");
            json.RootElement.GetProperty("simulated_amount_error").ValueKind.ShouldBe(JsonValueKind.Null);
            var invoices = json.RootElement.GetProperty("pipelines")[0];
            invoices.GetProperty("documents").GetInt32().ShouldBe(8);
            invoices.GetProperty("failed").GetInt32().ShouldBe(0);
            lock (systemPrompts)
            {
                systemPrompts.ShouldContain(p => p.StartsWith(InvoiceAgents.ClassifierInstructions, StringComparison.Ordinal));
                systemPrompts.ShouldContain(p => p.StartsWith(InvoiceAgents.AmountInstructions[2], StringComparison.Ordinal));
                systemPrompts.ShouldContain(p => p.Contains("It must satisfy this JSON Schema", StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The SDK sends content as a string or as an array of text parts.
    private static string Content(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : string.Empty));
}
