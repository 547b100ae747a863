using System.Net;
using System.Text;

namespace Foreman.OpenAI.Tests.Loopback;

/// <summary>Responders for <see cref="LoopbackOpenAIServer"/>: JSON, server-sent events, errors, hangs and cut-off bodies.</summary>
internal static class ScriptedResponses
{
    /// <summary>Answers 200 with a JSON body.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Json(string body) => Status(200, body);

    /// <summary>Answers with a status, a JSON body and optional headers.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Status(int status, string body, params (string Name, string Value)[] headers) =>
        async (context, cancellationToken) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = "application/json";
            foreach (var (name, value) in headers)
            {
                response.AddHeader(name, value);
            }

            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, cancellationToken);
            response.Close();
        };

    /// <summary>Streams each chunk as an SSE <c>data:</c> event, then <c>[DONE]</c> unless <paramref name="complete"/> is false,
    /// in which case the connection is dropped after the last chunk.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Sse(IEnumerable<string> chunks, bool complete = true) =>
        async (context, cancellationToken) =>
        {
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            foreach (var chunk in chunks)
            {
                await WriteAsync(response, $"data: {chunk}\n\n", cancellationToken);
            }

            if (complete)
            {
                await WriteAsync(response, "data: [DONE]\n\n", cancellationToken);
                response.Close();
            }
            else
            {
                response.Abort();
            }
        };

    /// <summary>Streams the chunks, then stops sending without closing until the server shuts down.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> SseThenHang(IEnumerable<string> chunks) =>
        async (context, cancellationToken) =>
        {
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            foreach (var chunk in chunks)
            {
                await WriteAsync(response, $"data: {chunk}\n\n", cancellationToken);
            }

            await WaitForShutdownAsync(cancellationToken);
            response.Abort();
        };

    /// <summary>Declares a Content-Length larger than the bytes it sends, then drops the connection.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> CutOff(string body, int declaredLength) =>
        async (context, cancellationToken) =>
        {
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength64 = declaredLength;
            await WriteAsync(response, body, cancellationToken);
            response.Abort();
        };

    /// <summary>Never answers; the connection is dropped when the server shuts down.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Hang() =>
        async (context, cancellationToken) =>
        {
            await WaitForShutdownAsync(cancellationToken);
            context.Response.Abort();
        };

    private static async Task WriteAsync(HttpListenerResponse response, string text, CancellationToken cancellationToken)
    {
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.OutputStream.FlushAsync(cancellationToken);
    }

    private static async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        // Waits on the server's shutdown signal rather than a clock, so a hanging responder costs no time.
        var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => shutdown.TrySetResult()))
        {
            await shutdown.Task;
        }
    }
}
