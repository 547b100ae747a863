using System.Net;
using System.Net.Sockets;
using Foreman.Models;
using Foreman.OpenAI.Tests.Loopback;
using Microsoft.Extensions.AI;

namespace Foreman.OpenAI.Tests;

public sealed class OpenAIChatClientErrorTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task GetResponseAsync_RateLimitedWithRetryAfterSeconds_ThrowsRateLimitedAfterOneRequest()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Status(429, """{"error":{"message":"Rate limit reached.","type":"requests","code":"rate_limit_exceeded"}}""", ("Retry-After", "7")));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.RateLimited);
        error.StatusCode.ShouldBe(429);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        error.IsTransient.ShouldBeTrue();
        error.Message.ShouldContain("Rate limit reached.");

        // The SDK's own retry policy would have tried again after 7 s; Foreman's loop owns retries instead.
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedWithRetryAfterMs_PrefersMilliseconds()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Status(429, """{"error":{"message":"slow down"}}""", ("retry-after-ms", "1500"), ("Retry-After", "2")));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.RetryAfter.ShouldBe(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task GetResponseAsync_InsufficientQuota_IsNotTransient()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Status(429, """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}"""));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.Authentication);
        error.IsTransient.ShouldBeFalse();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task GetResponseAsync_ServerError_ThrowsServerErrorAfterOneRequest(int status)
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Status(status, """{"error":{"message":"The server had an error."}}""", ("Retry-After", "3")));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.ServerError);
        error.StatusCode.ShouldBe(status);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
        server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task GetResponseAsync_Refused_ThrowsAuthentication(int status)
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Status(status, """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}"""));
        var options = TestEndpoints.Options(server);
        options.ApiKey = "sk-wrong-key-value";
        using var client = new OpenAIChatClient(options);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.Authentication);
        error.IsTransient.ShouldBeFalse();
        error.Message.ShouldNotContain("sk-wrong-key-value");
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"Invalid value for 'temperature'.","code":"invalid_value"}}""", ModelFailureKind.InvalidRequest)]
    [InlineData(404, """{"error":{"message":"The model 'nope' does not exist.","code":"model_not_found"}}""", ModelFailureKind.InvalidRequest)]
    [InlineData(422, """{"detail":"Unprocessable"}""", ModelFailureKind.InvalidRequest)]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 8192 tokens.","code":"context_length_exceeded"}}""", ModelFailureKind.ContextLengthExceeded)]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.","type":"BadRequestError","code":400}}""", ModelFailureKind.ContextLengthExceeded)]
    [InlineData(400, """{"error":{"code":400,"message":"the request exceeds the available context size","type":"exceed_context_size_error"}}""", ModelFailureKind.ContextLengthExceeded)]
    [InlineData(408, "", ModelFailureKind.Timeout)]
    public async Task GetResponseAsync_ClientError_MapsToKind(int status, string body, ModelFailureKind expected)
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Status(status, body));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(expected);
        error.StatusCode.ShouldBe(status);
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetResponseAsync_SlowerThanTimeout_ThrowsTimeout()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Hang());
        using var client = TestEndpoints.Client(server, ShortTimeout);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.Timeout);
        error.IsTransient.ShouldBeTrue();
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetResponseAsync_BodyShorterThanContentLength_ThrowsTruncated()
    {
        await using var server = LoopbackOpenAIServer.Start();
        var body = Completions.Text("This answer is cut off");
        server.Then(ScriptedResponses.CutOff(body[..(body.Length / 2)], declaredLength: body.Length));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.Truncated);
        server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis""")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"id":"chatcmpl-1","object":"chat.completion","choices":[]}""")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    public async Task GetResponseAsync_UnparsableBody_ThrowsTruncated(string body)
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(body));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.Truncated);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_ThrowsOperationCanceledNotModelCallException()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Hang());
        using var client = TestEndpoints.Client(server);
        using var cancellation = new CancellationTokenSource();
        var received = server.RequestReceived.Task;

        var call = client.GetResponseAsync("Hi", cancellationToken: cancellation.Token);
        await received;
        await cancellation.CancelAsync();

        var error = await Should.ThrowAsync<OperationCanceledException>(() => call);
        error.ShouldNotBeOfType<ModelCallException>();
        error.CancellationToken.ShouldBe(cancellation.Token);
    }

    [Fact]
    public async Task GetResponseAsync_AlreadyCanceled_ThrowsOperationCanceledWithoutCalling()
    {
        await using var server = LoopbackOpenAIServer.Start();
        using var client = TestEndpoints.Client(server);

        await Should.ThrowAsync<OperationCanceledException>(() => client.GetResponseAsync("Hi", cancellationToken: new CancellationToken(canceled: true)));

        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetResponseAsync_NothingListening_ThrowsServerError()
    {
        // A port that was free a moment ago: connecting is refused at once on loopback.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var client = new OpenAIChatClient(new ModelEndpointOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), Model = "m" });

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync("Hi"));

        error.Kind.ShouldBe(ModelFailureKind.ServerError);
        error.StatusCode.ShouldBeNull();
    }
}
