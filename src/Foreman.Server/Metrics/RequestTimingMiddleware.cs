using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Foreman.Server.Metrics;

/// <summary>Times every API request (not the dashboard's static files, not the event stream, which is long-lived).</summary>
internal sealed class RequestTimingMiddleware(RequestDelegate next, RequestLog log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/api/metrics/stream", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            log.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, context.Response.StatusCode);
        }
    }
}
