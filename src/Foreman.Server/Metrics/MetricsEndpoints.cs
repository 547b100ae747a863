using System.Text.Json;
using Foreman.Server.Auth;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Foreman.Server.Metrics;

/// <summary>Health figures: the latest snapshot, the recent history for charts, and a live server-sent-event stream.</summary>
internal static class MetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/metrics").WithTags("Metrics").RequireRole(Role.Operator);
        group.MapGet("/", async (MetricsSampler sampler, CancellationToken cancellationToken) => Results.Ok(await sampler.LatestAsync(cancellationToken)))
            .Produces<MetricsSnapshot>().WithSummary("The latest health figures.");
        group.MapGet("/history", (MetricsSampler sampler) => Results.Ok(sampler.History))
            .Produces<IReadOnlyList<MetricsSnapshot>>().WithSummary("The recent snapshots, oldest first (one per sampling interval).");
        group.MapGet("/stream", StreamAsync).Produces(200, contentType: "text/event-stream")
            .WithSummary("Server-sent events: a 'metrics' event with a snapshot every sampling interval.");
    }

    private static async Task StreamAsync(HttpContext context, MetricsSampler sampler, IHostApplicationLifetime lifetime)
    {
        // The stream ends when the client leaves or the server stops (a graceful shutdown would otherwise wait for it).
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = linked.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var snapshot = await sampler.LatestAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await context.Response.WriteAsync($"event: metrics\ndata: {JsonSerializer.Serialize(snapshot, ApiJson.Options)}\n\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
                snapshot = await sampler.NextAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The dashboard closed the stream.
        }
    }
}
