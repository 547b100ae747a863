using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreman.Alerts;

/// <summary>
/// Sends alerts as an HTTP POST with a JSON body (see docs/observability.md for the format). Retries network
/// errors, timeouts, 408, 429 and 5xx with doubling delays; any other status is final. Never throws for a
/// failed delivery. Thread-safe.
/// </summary>
public sealed class WebhookAlertSink : IAlertSink
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly int _attempts;
    private readonly TimeSpan _firstDelay;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>Creates the sink.</summary>
    /// <param name="http">The HTTP client (owned by the caller).</param>
    /// <param name="options">Options; copied.</param>
    public WebhookAlertSink(HttpClient http, WebhookAlertSinkOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        ArgumentNullException.ThrowIfNull(options);
        _url = options.Url ?? throw new ArgumentException("A webhook URL is required.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        _attempts = options.MaxAttempts;
        _firstDelay = options.FirstRetryDelay;
        _timeout = options.AttemptTimeout;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => $"webhook {_url.Host}";

    /// <summary>Gets how many attempts the last delivery took (for tests and diagnostics).</summary>
    public int LastAttempts { get; private set; }

    /// <inheritdoc />
    public async Task<bool> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var payload = new WebhookPayload(alert.AlertId, alert.Rule, alert.Subject, alert.Severity, alert.State, alert.Message, alert.Value, alert.Threshold, alert.FiredAt, alert.LastSeenAt, alert.Occurrences);
        var delay = _firstDelay;
        for (var attempt = 1; ; attempt++)
        {
            LastAttempts = attempt;
            var outcome = await TryOnceAsync(payload, cancellationToken);
            if (outcome != Outcome.Retry || attempt >= _attempts)
            {
                return outcome == Outcome.Delivered;
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay *= 2;
        }
    }

    private enum Outcome
    {
        Delivered,
        Retry,
        GiveUp,
    }

    private async Task<Outcome> TryOnceAsync(WebhookPayload payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.PostAsJsonAsync(_url, payload, Json, timeout.Token);
            var code = (int)response.StatusCode;

            // A 4xx other than 408/429 will not succeed by retrying.
            return response.IsSuccessStatusCode ? Outcome.Delivered : code is 408 or 429 or >= 500 ? Outcome.Retry : Outcome.GiveUp;
        }
        catch (HttpRequestException)
        {
            return Outcome.Retry;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.Retry;
        }
    }

    private sealed record WebhookPayload(string AlertId, string Rule, string Subject, AlertSeverity Severity, AlertState State, string Message, double Value, double Threshold, DateTimeOffset FiredAt, DateTimeOffset LastSeenAt, int Occurrences);
}
