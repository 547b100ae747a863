using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Foreman.Server.Http;

/// <summary>
/// Reads a JSON request body into a value, or explains why not: a wrong content type, malformed JSON or a body
/// over the size limit become 4xx problems, never exceptions (so a bad request never half-applies anything).
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        // The server knows whether the request can carry a body (Content-Length, chunked, or an HTTP/2 stream with data).
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength is not (null or 0);
        if (!canHaveBody || request.ContentLength is 0)
        {
            return optional ? (null, null) : (null, Problems.BadRequest("The request needs a JSON body."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Send the body as application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.BadRequest("The body must be a JSON object, not null.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"The body is not valid JSON for this request: {ex.Message}"));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Problems.Problem(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is too large." : "The request is invalid.", ex.Message));
        }
    }

    /// <summary>Reads any JSON value (an event payload, a workflow input).</summary>
    public static async Task<(JsonElement? Value, IResult? Problem)> ReadElementAsync(HttpRequest request, bool optional)
    {
        var (document, problem) = await ReadAsync<JsonDocument>(request, optional);
        if (document is null)
        {
            return (null, problem);
        }

        using (document)
        {
            return (document.RootElement.Clone(), null);
        }
    }
}
