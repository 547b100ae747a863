using System.ClientModel;
using System.Net.Http;
using System.Text.Json;
using Foreman.Models;

namespace Foreman.OpenAI;

/// <summary>Translates what the SDK and HttpClient throw into the provider-neutral <see cref="ModelCallException"/>.</summary>
internal static class ModelCallErrors
{
    private const int MaximumServerMessageLength = 500;

    private static readonly string[] ContextLengthCodes = ["context_length_exceeded", "exceed_context_size_error", "string_above_max_length"];

    // Self-hosted servers rarely send OpenAI's error code, so their wording is recognised too (vLLM, llama.cpp).
    private static readonly string[] ContextLengthPhrases = ["maximum context length", "context length exceeded", "exceeds the available context size", "context window"];

    /// <summary>
    /// Tells whether an exception is a failure of the call itself (HTTP status, transport, timeout, unreadable body),
    /// as opposed to an argument error or a bug, which should propagate unchanged.
    /// </summary>
    public static bool IsCallFailure(Exception exception)
    {
        if (exception is ClientResultException)
        {
            return true;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OperationCanceledException or TimeoutException or HttpRequestException or IOException or JsonException or FormatException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Translates a failure for which <see cref="IsCallFailure"/> holds.</summary>
    /// <param name="exception">What the SDK threw.</param>
    /// <param name="model">The model that was called, for the message.</param>
    /// <param name="endpoint">The endpoint, for its timeout and clock.</param>
    /// <returns>The exception to throw instead.</returns>
    public static ModelCallException Translate(Exception exception, string model, OpenAIEndpoint endpoint)
    {
        if (exception is ClientResultException { Status: > 0 } http)
        {
            return FromStatus(http, model, endpoint);
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            var translated = FromTransportFailure(current, exception, model, endpoint);
            if (translated is not null)
            {
                return translated;
            }
        }

        return new ModelCallException(ModelFailureKind.Unknown, $"The call to model '{model}' failed: {exception.Message}", innerException: exception);
    }

    private static ModelCallException? FromTransportFailure(Exception current, Exception original, string model, OpenAIEndpoint endpoint)
    {
        switch (current)
        {
            // The caller's own cancellation is handled before translation, so a cancellation here is the network timeout.
            case OperationCanceledException or TimeoutException:
                return new ModelCallException(
                    ModelFailureKind.Timeout,
                    $"Model '{model}' did not respond within the {endpoint.Timeout.TotalSeconds:0.###} s timeout.",
                    innerException: original);
            case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse }:
            case HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse }:
                return Truncated(model, "the response ended early or was malformed", original);
            case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError }:
                return new ModelCallException(
                    ModelFailureKind.ServerError,
                    $"Model '{model}' could not be reached at {endpoint.ProviderUri}: {current.Message}",
                    innerException: original);
            case IOException:
                return Truncated(model, "the connection failed while the response was being read", original);
            case JsonException or FormatException:
                return Truncated(model, "the response body could not be parsed", original);
            default:
                return null;
        }
    }

    private static ModelCallException Truncated(string model, string reason, Exception inner) =>
        new(ModelFailureKind.Truncated, $"The response of model '{model}' is unusable: {reason}.", innerException: inner);

    private static ModelCallException FromStatus(ClientResultException exception, string model, OpenAIEndpoint endpoint)
    {
        var status = exception.Status;
        var response = exception.GetRawResponse();
        var retryAfter = response is null ? null : RetryAfterHeader.Read(response.Headers, endpoint.TimeProvider);
        var (message, code, type) = ReadErrorBody(response);

        var kind = status switch
        {
            429 when code is "insufficient_quota" => ModelFailureKind.Authentication,
            429 => ModelFailureKind.RateLimited,
            408 => ModelFailureKind.Timeout,
            401 or 403 => ModelFailureKind.Authentication,
            >= 400 and < 500 when IsContextLengthError(message, code, type) => ModelFailureKind.ContextLengthExceeded,
            >= 400 and < 500 => ModelFailureKind.InvalidRequest,
            >= 500 and < 600 => ModelFailureKind.ServerError,
            _ => ModelFailureKind.Unknown,
        };

        var detail = message ?? response?.ReasonPhrase ?? "no details";
        if (detail.Length > MaximumServerMessageLength)
        {
            detail = string.Concat(detail.AsSpan(0, MaximumServerMessageLength), "…");
        }

        var codeText = code is null ? string.Empty : $" ({code})";
        return new ModelCallException(kind, $"Model '{model}' call failed with HTTP {status}{codeText}: {detail}", status, retryAfter, exception);
    }

    private static bool IsContextLengthError(string? message, string? code, string? type) =>
        (code is not null && ContextLengthCodes.Contains(code, StringComparer.OrdinalIgnoreCase))
        || (type is not null && ContextLengthCodes.Contains(type, StringComparer.OrdinalIgnoreCase))
        || (message is not null && ContextLengthPhrases.Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase)));

    // OpenAI sends {"error":{"message","type","code"}}; compatible servers vary ({"error":"text"}, {"detail":...}),
    // so every shape is read leniently and an unreadable body is simply reported as raw text.
    private static (string? Message, string? Code, string? Type) ReadErrorBody(System.ClientModel.Primitives.PipelineResponse? response)
    {
        string text;
        try
        {
            text = response?.Content?.ToString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            // The body of an unbuffered (streamed) response cannot be read here.
            return (null, null, null);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (text, null, null);
            }

            if (root.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.Object
                    ? (GetText(error, "message") ?? text, GetText(error, "code"), GetText(error, "type"))
                    : (GetText(root, "error") ?? text, null, null);
            }

            return (GetText(root, "message") ?? GetText(root, "detail") ?? text, GetText(root, "code"), GetText(root, "type"));
        }
        catch (JsonException)
        {
            return (text, null, null);
        }
    }

    private static string? GetText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;
}
