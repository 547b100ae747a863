using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Foreman.OpenAI.Tests.Loopback;

/// <summary>
/// A scripted server that speaks the OpenAI chat-completions protocol on 127.0.0.1 over real HTTP. Each test
/// enqueues one responder per expected request; the server records every request it receives.
/// </summary>
internal sealed class LoopbackOpenAIServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<Func<HttpListenerContext, CancellationToken, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentBag<Task> _handlers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    private LoopbackOpenAIServer(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Gets the port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the base URL to configure as the endpoint: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>Gets the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Gets a task that completes when the next request arrives (set before enqueueing a hang).</summary>
    public TaskCompletionSource RequestReceived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts a server on a free loopback port.</summary>
    public static LoopbackOpenAIServer Start()
    {
        // HttpListener cannot bind port 0, so a free port is found first; a lost race is simply retried.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackOpenAIServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Adds the responder for the next request.</summary>
    public LoopbackOpenAIServer Then(Func<HttpListenerContext, CancellationToken, Task> responder)
    {
        _script.Enqueue(responder);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _acceptLoop;
            await Task.WhenAll(_handlers);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // Connections torn down at shutdown are expected.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _handlers.Add(Task.Run(() => HandleAsync(context)));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync(_stopping.Token);
            }

            var headers = request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new RecordedRequest(request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, headers, body));
            var received = RequestReceived;
            RequestReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
            received.TrySetResult();

            if (_script.TryDequeue(out var responder))
            {
                await responder(context, _stopping.Token);
            }
            else
            {
                await ScriptedResponses.Status(500, """{"error":{"message":"The test enqueued no response for this request."}}""")(context, _stopping.Token);
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away (a timeout or cancellation under test), or the server is shutting down.
            context.Response.Abort();
        }
    }
}
