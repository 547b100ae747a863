using Microsoft.AspNetCore.Http;

namespace Foreman.Server.Http;

/// <summary>
/// A detail for the problems the framework itself answers (no route, wrong method, a query parameter that does not
/// parse, a body of the wrong type), so every 4xx tells the caller what to fix.
/// </summary>
internal static class ProblemDefaults
{
    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status400BadRequest => $"The request to {request.Method} {request.Path} is malformed: check the query parameters and the body.",
            StatusCodes.Status404NotFound => $"There is no route {request.Method} {request.Path}; the API is described at /api/openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
            StatusCodes.Status413PayloadTooLarge => "The body is larger than the server accepts.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => problem.Title ?? "The request failed.",
        };
    }
}
