using System.Net;
using System.Net.Sockets;
using System.Text;
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
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var systemPrompts = new List<string>();
        var server = ServeAsync(listener, systemPrompts);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FOREMAN_MODEL_ENDPOINT"] = $"http://127.0.0.1:{port}/v1",
            ["FOREMAN_MODEL"] = "local-model",
        };
        var folder = Directory.CreateTempSubdirectory("foreman-demo-endpoint-").FullName;

        try
        {
            var (code, output, error) = await CliRunner.RunAsync(["demo", "-p", "invoice-processing", "-n", "8", "--json"], variables, folder);

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
            listener.Stop();
            await server;
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ServeAsync(HttpListener listener, List<string> systemPrompts)
    {
        var simulation = new SampleSimulation(SimulationRates.Default with { AmountError = 0, ClassificationError = 0, FieldError = 0 });
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            JsonElement body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
            }

            var messages = body.GetProperty("messages").EnumerateArray()
                .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), Content(m.GetProperty("content"))))
                .ToList();
            lock (systemPrompts)
            {
                systemPrompts.Add(messages[0].Text);
            }

            var turn = simulation.NextTurn(new SimulationTurnContext(messages, null, "local-model", 1, 7));
            var response = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_763_000_000,
                model = "local-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = turn.Text }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 300, completion_tokens = 30, total_tokens = 330 },
            });
            var bytes = Encoding.UTF8.GetBytes(response);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    // The SDK sends content as a string or as an array of text parts.
    private static string Content(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : string.Empty));

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
