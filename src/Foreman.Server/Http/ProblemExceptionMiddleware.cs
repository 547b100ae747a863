using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Foreman.Server.Http;

/// <summary>
/// The last line of defence: a bad request the framework detects while reading (too large, cut off) becomes its
/// 4xx problem; anything unexpected becomes a 500 problem without internals, and is logged.
/// </summary>
internal sealed partial class ProblemExceptionMiddleware(RequestDelegate next, ILogger<ProblemExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await Problems.WriteAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is too large." : "The request is invalid.", ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
#pragma warning disable CA1031 // The middleware turns any failure into a problem response instead of a dropped connection.
        catch (Exception ex) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, ex);
            await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "The server failed.", "An unexpected error occurred; it has been logged.");
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
