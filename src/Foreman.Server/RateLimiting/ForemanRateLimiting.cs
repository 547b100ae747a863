using System.Globalization;
using System.Threading.RateLimiting;
using Foreman.Server.Alerts;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Server.RateLimiting;

/// <summary>
/// Wires ASP.NET Core's rate limiter as one global, partitioned limiter: a token bucket per (budget, key or address),
/// a concurrency limit per key for metric streams. It runs after authentication (to know the key) and before the
/// anti-forgery check and authorization, so a refused request does no work and changes nothing. A refusal is a 429
/// problem with <c>Retry-After</c> in whole seconds.
/// </summary>
internal static class ForemanRateLimiting
{
    public static void AddForemanRateLimiting(this IServiceCollection services, ForemanRateLimitOptions options)
    {
        services.AddSingleton<RateLimitLedger>();
        services.AddSingleton<IAlertSource, RateLimitAlerts>();
        if (!options.Enabled)
        {
            return;
        }

        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid rate limits: " + string.Join(" ", problems), nameof(options));
        }

        // Copied now: changing the options after the server started has no effect.
        var shapes = new Dictionary<RateLimitScope, BucketShape>
        {
            [RateLimitScope.Reads] = BucketShape.From(options.Reads),
            [RateLimitScope.Writes] = BucketShape.From(options.Writes),
            [RateLimitScope.SignIn] = BucketShape.From(options.SignIn),
            [RateLimitScope.Anonymous] = BucketShape.From(options.Anonymous),
        };
        var streams = options.StreamsPerKey;
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var subject = RateLimitPartitioner.Classify(context);
                return subject.Scope == RateLimitScope.Streams
                    ? RateLimitPartition.GetConcurrencyLimiter(subject.PartitionKey, _ => new ConcurrencyLimiterOptions { PermitLimit = streams, QueueLimit = 0 })
                    : RateLimitPartition.GetTokenBucketLimiter(subject.PartitionKey, _ => shapes[subject.Scope].ToOptions());
            });
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, shapes, streams);
        });
    }

    public static void UseForemanRateLimiting(this IApplicationBuilder app, ForemanRateLimitOptions options)
    {
        if (options.Enabled)
        {
            app.UseRateLimiter();
        }
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, Dictionary<RateLimitScope, BucketShape> shapes, int streams)
    {
        var context = rejected.HttpContext;
        var subject = RateLimitPartitioner.Classify(context);
        context.RequestServices.GetRequiredService<RateLimitLedger>().Record(subject);

        // The token bucket knows when the next request fits; a full set of streams frees up when one closes.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
            : shapes.TryGetValue(subject.Scope, out var shape) ? shape.Period
            : TimeSpan.FromSeconds(5);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = subject.Scope switch
        {
            RateLimitScope.SignIn => $"Too many sign-in attempts from this address (the limit is {shapes[subject.Scope].Budget}).",
            RateLimitScope.Anonymous => $"Too many requests without a valid key from this address (the limit is {shapes[subject.Scope].Budget}).",
            RateLimitScope.Streams => $"Key {subject.Client} already holds {streams} open metric streams; close one first.",
            _ => $"Key {subject.Client} has used its {subject.ScopeName} budget ({shapes[subject.Scope].Budget}).",
        };
        await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests.", $"{detail} Retry after {seconds} s; nothing was changed.");
    }
}
