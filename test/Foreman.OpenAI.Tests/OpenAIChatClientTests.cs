using System.Text.Json;
using Foreman.OpenAI.Tests.Loopback;
using Microsoft.Extensions.AI;

namespace Foreman.OpenAI.Tests;

public sealed class OpenAIChatClientTests
{
    private static readonly AIFunctionDeclaration WeatherTool = AIFunctionFactory.CreateDeclaration(
        "get_weather",
        "Gets the weather for a city.",
        JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);

    [Fact]
    public async Task GetResponseAsync_PlainText_MapsTextIdsModelFinishReasonAndCreatedAt()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("Hello there", id: "chatcmpl-42", model: "test-model-2025")));
        using var client = TestEndpoints.Client(server);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")],
            cancellationToken: CancellationToken.None);

        response.Text.ShouldBe("Hello there");
        response.ResponseId.ShouldBe("chatcmpl-42");
        response.ModelId.ShouldBe("test-model-2025");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.CreatedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(Completions.Created));
        response.Messages.ShouldHaveSingleItem().Role.ShouldBe(ChatRole.Assistant);

        var request = server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/v1/chat/completions");
        var body = request.Json;
        body.GetProperty("model").GetString().ShouldBe("test-model");
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("role").GetString()).ShouldBe(["system", "user"]);
        messages[1].GetProperty("content").GetString().ShouldBe("Hi");
    }

    [Fact]
    public async Task GetResponseAsync_Usage_IsMapped()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("ok")));
        using var client = TestEndpoints.Client(server);

        var response = await client.GetResponseAsync("Hi");

        response.Usage.ShouldNotBeNull();
        response.Usage.InputTokenCount.ShouldBe(11);
        response.Usage.OutputTokenCount.ShouldBe(7);
        response.Usage.TotalTokenCount.ShouldBe(18);
        response.Usage.CachedInputTokenCount.ShouldBe(3);
        response.Usage.ReasoningTokenCount.ShouldBe(2);
    }

    [Fact]
    public async Task GetResponseAsync_Options_AreSentAsRequestFields()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("{}")));
        using var client = TestEndpoints.Client(server);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"string"}}}""").RootElement;

        await client.GetResponseAsync(
            "Hi",
            new ChatOptions
            {
                ModelId = "other-model",
                Instructions = "You are terse.",
                Temperature = 0.25f,
                TopP = 0.5f,
                MaxOutputTokens = 123,
                StopSequences = ["END"],
                Seed = 42,
                ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer_schema", "An answer."),
            },
            CancellationToken.None);

        var body = server.Requests.ShouldHaveSingleItem().Json;
        body.GetProperty("model").GetString().ShouldBe("other-model");
        body.GetProperty("temperature").GetSingle().ShouldBe(0.25f);
        body.GetProperty("top_p").GetSingle().ShouldBe(0.5f);
        body.GetProperty("max_completion_tokens").GetInt32().ShouldBe(123);
        body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()).ShouldBe(["END"]);
        body.GetProperty("seed").GetInt64().ShouldBe(42);
        var format = body.GetProperty("response_format");
        format.GetProperty("type").GetString().ShouldBe("json_schema");
        format.GetProperty("json_schema").GetProperty("name").GetString().ShouldBe("answer_schema");
        format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("answer").GetProperty("type").GetString().ShouldBe("string");
        var first = body.GetProperty("messages")[0];
        first.GetProperty("role").GetString().ShouldBe("system");
        first.GetProperty("content").GetString().ShouldBe("You are terse.");
        body.TryGetProperty("tools", out _).ShouldBeFalse();
        body.TryGetProperty("tool_choice", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task GetResponseAsync_JsonResponseFormatWithoutSchema_SendsJsonObject()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("{}")));
        using var client = TestEndpoints.Client(server);

        await client.GetResponseAsync("Hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, CancellationToken.None);

        server.Requests.ShouldHaveSingleItem().Json.GetProperty("response_format").GetProperty("type").GetString().ShouldBe("json_object");
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallRoundTrip_SendsSchemaMapsCallsAndCarriesToolResult()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server
            .Then(ScriptedResponses.Json(Completions.ToolCalls(("call_abc", "get_weather", """{"city":"Oslo"}"""))))
            .Then(ScriptedResponses.Json(Completions.Text("It is cold in Oslo.")));
        using var client = TestEndpoints.Client(server);
        var options = new ChatOptions { Tools = [WeatherTool], ToolMode = ChatToolMode.Auto };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Oslo?")];

        var first = await client.GetResponseAsync(history, options, CancellationToken.None);

        first.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var call = first.Messages.Single().Contents.OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.CallId.ShouldBe("call_abc");
        call.Name.ShouldBe("get_weather");
        call.Exception.ShouldBeNull();
        call.Arguments.ShouldNotBeNull();
        call.Arguments["city"].ShouldBeOfType<JsonElement>().GetString().ShouldBe("Oslo");
        call.AdditionalProperties![OpenAIChatClient.RawArgumentsKey].ShouldBe("""{"city":"Oslo"}""");

        var firstBody = server.Requests[0].Json;
        var tool = firstBody.GetProperty("tools").EnumerateArray().ShouldHaveSingleItem();
        tool.GetProperty("type").GetString().ShouldBe("function");
        tool.GetProperty("function").GetProperty("name").GetString().ShouldBe("get_weather");
        tool.GetProperty("function").GetProperty("description").GetString().ShouldBe("Gets the weather for a city.");
        tool.GetProperty("function").GetProperty("parameters").GetProperty("required")[0].GetString().ShouldBe("city");
        firstBody.GetProperty("tool_choice").GetString().ShouldBe("auto");

        // The next turn is built the way an agent loop builds it: fresh messages, not the SDK's raw objects.
        history.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(call.CallId, call.Name, call.Arguments)]));
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_abc", "-3 °C")]));
        var second = await client.GetResponseAsync(history, options, CancellationToken.None);

        second.Text.ShouldBe("It is cold in Oslo.");
        var messages = server.Requests[1].Json.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("role").GetString()).ShouldBe(["user", "assistant", "tool"]);
        var sentCall = messages[1].GetProperty("tool_calls").EnumerateArray().ShouldHaveSingleItem();
        sentCall.GetProperty("id").GetString().ShouldBe("call_abc");
        sentCall.GetProperty("type").GetString().ShouldBe("function");
        sentCall.GetProperty("function").GetProperty("name").GetString().ShouldBe("get_weather");
        JsonDocument.Parse(sentCall.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("city").GetString().ShouldBe("Oslo");
        messages[2].GetProperty("tool_call_id").GetString().ShouldBe("call_abc");
        messages[2].GetProperty("content").GetString().ShouldBe("-3 °C");
    }

    [Fact]
    public async Task GetResponseAsync_ReplayedResponseMessages_RoundTripThroughTheSdkRepresentation()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server
            .Then(ScriptedResponses.Json(Completions.ToolCalls(("call_1", "get_weather", """{"city":"Rome"}"""))))
            .Then(ScriptedResponses.Json(Completions.Text("Sunny.")));
        using var client = TestEndpoints.Client(server);
        var options = new ChatOptions { Tools = [WeatherTool] };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Rome?")];

        var first = await client.GetResponseAsync(history, options, CancellationToken.None);
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", new { temperature = 24 })]));
        await client.GetResponseAsync(history, options, CancellationToken.None);

        var messages = server.Requests[1].Json.GetProperty("messages").EnumerateArray().ToList();
        messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString().ShouldBe("""{"city":"Rome"}""");
        messages[2].GetProperty("content").GetString().ShouldBe("""{"temperature":24}""");
    }

    [Fact]
    public async Task GetResponseAsync_MalformedToolArguments_SetsExceptionAndKeepsRawTextWithoutThrowing()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server
            .Then(ScriptedResponses.Json(Completions.ToolCalls(("call_bad", "get_weather", """{"city": "Oslo"""))))
            .Then(ScriptedResponses.Json(Completions.Text("Sorry.")));
        using var client = TestEndpoints.Client(server);
        var options = new ChatOptions { Tools = [WeatherTool] };

        var response = await client.GetResponseAsync("Weather?", options, CancellationToken.None);

        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Exception.ShouldNotBeNull();
        call.Arguments.ShouldBeNull();
        call.AdditionalProperties![OpenAIChatClient.RawArgumentsKey].ShouldBe("""{"city": "Oslo""");

        // Sent back in a fresh message, the model's own malformed text is replayed as it wrote it.
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_bad", "Error: the arguments are not valid JSON.")]),
        ];
        await client.GetResponseAsync(history, options, CancellationToken.None);
        server.Requests[1].Json.GetProperty("messages")[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()
            .ShouldBe("""{"city": "Oslo""");
    }

    [Fact]
    public async Task GetResponseAsync_EmptyArgumentsString_IsAnEmptyArgumentList()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.ToolCalls(("call_1", "now", ""))));
        using var client = TestEndpoints.Client(server);

        var response = await client.GetResponseAsync("Time?", new ChatOptions { Tools = [WeatherTool] }, CancellationToken.None);

        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Exception.ShouldBeNull();
        call.Arguments.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task GetResponseAsync_ParallelToolCalls_AreAllMapped()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.ToolCalls(("call_1", "get_weather", """{"city":"A"}"""), ("call_2", "get_weather", """{"city":"B"}"""))));
        using var client = TestEndpoints.Client(server);

        var response = await client.GetResponseAsync("Weather?", new ChatOptions { Tools = [WeatherTool], AllowMultipleToolCalls = true }, CancellationToken.None);

        response.Messages.Single().Contents.OfType<FunctionCallContent>().Select(c => c.CallId).ShouldBe(["call_1", "call_2"]);
        server.Requests.Single().Json.GetProperty("parallel_tool_calls").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("none", "\"none\"")]
    [InlineData("required", "\"required\"")]
    [InlineData("specific", """{"type":"function","function":{"name":"get_weather"}}""")]
    public async Task GetResponseAsync_ToolMode_IsSentAsToolChoice(string mode, string expected)
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("ok")));
        using var client = TestEndpoints.Client(server);
        ChatToolMode toolMode = mode switch
        {
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            _ => ChatToolMode.RequireSpecific("get_weather"),
        };

        await client.GetResponseAsync("Hi", new ChatOptions { Tools = [WeatherTool], ToolMode = toolMode }, CancellationToken.None);

        var sent = server.Requests.Single().Json.GetProperty("tool_choice");
        JsonSerializer.Serialize(sent).ShouldBe(expected);
    }

    [Fact]
    public async Task GetResponseAsync_NonFunctionTool_ThrowsNotSupportedBeforeCalling()
    {
        await using var server = LoopbackOpenAIServer.Start();
        using var client = TestEndpoints.Client(server);

        await Should.ThrowAsync<NotSupportedException>(() =>
            client.GetResponseAsync("Hi", new ChatOptions { Tools = [new HostedWebSearchTool()] }, CancellationToken.None));

        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetResponseAsync_ApiKey_IsSentAsBearerWithOrganizationAndProject()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("ok")));
        var options = TestEndpoints.Options(server);
        options.ApiKey = "sk-test-secret";
        options.Organization = "org-1";
        options.Project = "proj-1";
        using var client = new OpenAIChatClient(options);

        await client.GetResponseAsync("Hi");

        var request = server.Requests.Single();
        request.Header("Authorization").ShouldBe("Bearer sk-test-secret");
        request.Header("OpenAI-Organization").ShouldBe("org-1");
        request.Header("OpenAI-Project").ShouldBe("proj-1");
    }

    [Fact]
    public async Task GetResponseAsync_NoApiKeyOnLoopback_SendsNoAuthorizationHeader()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("ok")));
        using var client = TestEndpoints.Client(server);

        await client.GetResponseAsync("Hi");

        server.Requests.Single().Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public async Task GetResponseAsync_AzureStyleEndpoint_UsesDeploymentPathApiVersionAndApiKeyHeader()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("ok")));
        var options = new ModelEndpointOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{server.Port}/openai/deployments/{{model}}?api-version=2024-10-21"),
            ApiKey = "azure-secret",
            ApiKeyHeaderName = "api-key",
            Model = "my-gpt4o",
        };
        using var client = new OpenAIChatClient(options);

        await client.GetResponseAsync("Hi");

        var request = server.Requests.Single();
        request.Path.ShouldBe("/openai/deployments/my-gpt4o/chat/completions");
        request.Query.ShouldBe("?api-version=2024-10-21");
        request.Header("api-key").ShouldBe("azure-secret");
        request.Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public async Task GetResponseAsync_AuthorName_IsSentAsNameOnlyWhenTheApiAcceptsIt()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("ok")));
        using var client = TestEndpoints.Client(server);

        await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "a") { AuthorName = "alice_1" }, new ChatMessage(ChatRole.User, "b") { AuthorName = "Bob Smith!" }],
            cancellationToken: CancellationToken.None);

        var messages = server.Requests.Single().Json.GetProperty("messages");
        messages[0].GetProperty("name").GetString().ShouldBe("alice_1");
        messages[1].TryGetProperty("name", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task GetResponseAsync_UserImage_IsSentAsContentParts()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Json(Completions.Text("A cat.")));
        using var client = TestEndpoints.Client(server);

        await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")])],
            cancellationToken: CancellationToken.None);

        var parts = server.Requests.Single().Json.GetProperty("messages")[0].GetProperty("content").EnumerateArray().ToList();
        parts[0].GetProperty("type").GetString().ShouldBe("text");
        parts[1].GetProperty("type").GetString().ShouldBe("image_url");
        parts[1].GetProperty("image_url").GetProperty("url").GetString().ShouldBe("data:image/png;base64,AQID");
    }

    [Fact]
    public void GetService_ReturnsMetadataAndSelf()
    {
        using var client = new OpenAIChatClient(new ModelEndpointOptions { Endpoint = new Uri("http://127.0.0.1:1/v1"), Model = "m" });

        var metadata = client.GetService<ChatClientMetadata>().ShouldNotBeNull();
        metadata.ProviderName.ShouldBe("openai");
        metadata.DefaultModelId.ShouldBe("m");
        metadata.ProviderUri.ShouldBe(new Uri("http://127.0.0.1:1/v1"));
        client.GetService<OpenAIChatClient>().ShouldBeSameAs(client);
        client.GetService<global::OpenAI.Chat.ChatClient>().ShouldNotBeNull();
    }
}
