using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Http.Headers;

namespace Foreman.OpenAI;

/// <summary>Reads how long the server asked us to wait before trying again.</summary>
internal static class RetryAfterHeader
{
    /// <summary>
    /// Reads <c>retry-after-ms</c> (OpenAI's precise form) first, then <c>Retry-After</c> as seconds or an HTTP date.
    /// </summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="timeProvider">The clock an HTTP date is measured against.</param>
    /// <returns>The delay, never negative, or <see langword="null"/> when the server gave none we can read.</returns>
    public static TimeSpan? Read(PipelineResponseHeaders headers, TimeProvider timeProvider)
    {
        if (headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && double.IsFinite(ms)
            && ms >= 0
            && ms < TimeSpan.MaxValue.TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return headers.TryGetValue("Retry-After", out var value) ? Parse(value, timeProvider) : null;
    }

    /// <summary>Parses a <c>Retry-After</c> value: delta seconds or an HTTP date.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="timeProvider">The clock an HTTP date is measured against.</param>
    /// <returns>The delay, never negative, or <see langword="null"/> when the value is not understood.</returns>
    public static TimeSpan? Parse(string? value, TimeProvider timeProvider)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Some gateways send fractional seconds, which RFC 9110 does not allow; accepting them costs nothing.
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (RetryConditionHeaderValue.TryParse(value, out var parsed) && parsed.Date is { } date)
        {
            var delay = date - timeProvider.GetUtcNow();
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}
