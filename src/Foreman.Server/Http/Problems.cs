using Microsoft.AspNetCore.Http;

namespace Foreman.Server.Http;

/// <summary>The API's errors as RFC 9457 problem details: a status, a short title and a detail a person can act on.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail, IReadOnlyList<string>? errors = null) =>
        Problem(StatusCodes.Status400BadRequest, "The request is invalid.", detail, errors);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found.", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "The request conflicts with the current state.", detail);

    public static IResult Unprocessable(string detail, IReadOnlyList<string>? errors = null) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "The request cannot be applied.", detail, errors);

    public static IResult Problem(int status, string title, string detail, IReadOnlyList<string>? errors = null)
    {
        Dictionary<string, object?>? extensions = errors is { Count: > 0 } ? new(StringComparer.Ordinal) { ["errors"] = errors } : null;
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>Writes a problem outside an endpoint (middleware, authentication).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Problem(status, title, detail).ExecuteAsync(context);
    }
}
