using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Foreman.Cli.Tests;

/// <summary>With FOREMAN_MODEL_ENDPOINT set, `agent run` talks to that endpoint (a loopback OpenAI-protocol server here).</summary>
public sealed class AgentRunEndpointTests
{
    private const string Answer = """{"urgency":"normal","topic":"general","order_id":null,"article_id":null,"reply_draft":"Hello, a colleague will answer your question today.","confidence":0.7}""";

    [Fact]
    public async Task AgentRun_EndpointConfigured_CallsItAndNotTheSimulatedModel()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var requests = new List<JsonElement>();
        var server = ServeAsync(listener, requests);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FOREMAN_MODEL_ENDPOINT"] = $"http://127.0.0.1:{port}/v1",
            ["FOREMAN_MODEL"] = "local-model",
        };
        var folder = Directory.CreateTempSubdirectory("foreman-cli-endpoint-").FullName;

        try
        {
            var (code, output, error) = await CliRunner.RunAsync(["agent", "run", "--agent", "ticket-triage", "--json"], variables, folder);

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
            listener.Stop();
            await server;
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ServeAsync(HttpListener listener, List<JsonElement> requests)
    {
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

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
                lock (requests)
                {
                    requests.Add(body);
                }
            }

            var response = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_763_000_000,
                model = "local-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Answer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 321, completion_tokens = 45, total_tokens = 366 },
            });
            var bytes = Encoding.UTF8.GetBytes(response);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
