using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Foreman.Cli.Tests;

/// <summary>
/// An OpenAI-protocol chat-completions server on 127.0.0.1 for tests that point the CLI at a real endpoint. Every
/// request is answered by a function of its JSON body; disposing stops the server and waits for it.
/// </summary>
internal sealed class LoopbackChatEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;

    private LoopbackChatEndpoint(HttpListener listener, int port, Func<JsonElement, ChatAnswer> answer)
    {
        _listener = listener;
        Variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FOREMAN_MODEL_ENDPOINT"] = $"http://127.0.0.1:{port}/v1",
            ["FOREMAN_MODEL"] = Model,
        };
        _serving = ServeAsync(answer);
    }

    /// <summary>The model name the CLI is configured with and the server reports.</summary>
    public const string Model = "local-model";

    /// <summary>Gets the environment variables that point the CLI at this server.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static LoopbackChatEndpoint Start(Func<JsonElement, ChatAnswer> answer)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        return new LoopbackChatEndpoint(listener, port, answer);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync(Func<JsonElement, ChatAnswer> answer)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
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

            var reply = answer(body);
            var response = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_763_000_000,
                model = Model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = reply.PromptTokens, completion_tokens = reply.CompletionTokens, total_tokens = reply.PromptTokens + reply.CompletionTokens },
            });
            var bytes = Encoding.UTF8.GetBytes(response);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    /// <summary>What the server answers one request with.</summary>
    public sealed record ChatAnswer(string? Content, int PromptTokens, int CompletionTokens);
}
