using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Foreman.Tracing;

namespace Foreman.Alerts;

/// <summary>
/// Evaluates alert rules, stores what they find (one alert per rule and subject while the condition holds, so a
/// condition does not spam), resolves what cleared, and sends new alerts to the sinks. A sink that fails is
/// logged and retried at the next evaluation, never allowed to stop the others. Thread-safe; run
/// <see cref="EvaluateAsync"/> on a timer (the server and <c>foreman alerts check</c> do).
/// </summary>
public sealed class AlertService
{
    private readonly IAlertStore _store;
    private readonly IReadOnlyList<IAlertRule> _rules;
    private readonly IReadOnlyList<IAlertSink> _sinks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _resolveAfter;

    // Alerts this service found not yet accepted by any sink at its last evaluation, with their severity then.
    private IReadOnlyDictionary<string, AlertSeverity> _awaitingDelivery = new Dictionary<string, AlertSeverity>(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    /// <param name="store">The alert store.</param>
    /// <param name="rules">The rules (see <see cref="AlertRules.Create"/>).</param>
    /// <param name="sinks">Where new alerts go.</param>
    /// <param name="timeProvider">The clock. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/>.</param>
    /// <param name="resolveAfter">How long a condition must stay clear before its alert resolves. The default value is 1 hour.</param>
    public AlertService(IAlertStore store, IEnumerable<IAlertRule> rules, IEnumerable<IAlertSink>? sinks = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, TimeSpan? resolveAfter = null)
    {
        _resolveAfter = resolveAfter ?? TimeSpan.FromHours(1);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _rules = [.. rules ?? throw new ArgumentNullException(nameof(rules))];
        _sinks = [.. sinks ?? []];
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Foreman.Alerts");
    }

    /// <summary>Gets the rules' names.</summary>
    public IEnumerable<string> RuleNames => _rules.Select(r => r.Name);

    /// <summary>Evaluates every rule now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What changed.</returns>
    public async Task<AlertEvaluation> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        List<Alert> fired = [], still = [], resolved = [];
        List<string> failed = [];
        foreach (var rule in _rules)
        {
            IReadOnlyList<AlertCandidate> found;
            try
            {
                found = await rule.EvaluateAsync(now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                TracingLog.RuleFailed(_logger, rule.Name, ex);
                failed.Add(rule.Name);
                continue;
            }

            foreach (var candidate in found)
            {
                var (alert, change) = await RaiseAsync(candidate, now, cancellationToken);
                (change == AlertChange.Updated ? still : fired).Add(alert);
            }

            // A condition must stay clear for a while before its alert resolves, so a value hovering at the
            // threshold does not resolve and fire again on every evaluation.
            var holding = found.Select(c => c.Fingerprint).ToHashSet(StringComparer.Ordinal);
            foreach (var firing in await _store.ListFiringAsync(rule.Name, cancellationToken))
            {
                if (!holding.Contains(firing.Fingerprint) && now - firing.LastSeenAt >= _resolveAfter
                    && await _store.ResolveAsync(firing.Fingerprint, now, cancellationToken) is { } done)
                {
                    resolved.Add(done);
                }
            }
        }

        // Alerts no sink has accepted yet (sinks down at the time) are retried, from the evaluation after the one that
        // found them unaccepted. The service that raised or escalated an alert sends it at once; another server
        // evaluating at the same moment on a shared database sees it before that send completes, and must not send it
        // a second time: it retries only what is still unaccepted, at the same severity, one evaluation later.
        var previous = Volatile.Read(ref _awaitingDelivery);
        var awaiting = new Dictionary<string, AlertSeverity>(StringComparer.Ordinal);
        for (var i = 0; i < still.Count; i++)
        {
            if (still[i].NotifiedAt is not null)
            {
                continue;
            }

            if (previous.TryGetValue(still[i].AlertId, out var severity) && severity == still[i].Severity)
            {
                still[i] = await NotifyAsync(still[i], cancellationToken);
            }

            if (still[i].NotifiedAt is null)
            {
                awaiting[still[i].AlertId] = still[i].Severity;
            }
        }

        foreach (var alert in fired.Where(a => a.NotifiedAt is null))
        {
            awaiting[alert.AlertId] = alert.Severity;
        }

        Volatile.Write(ref _awaitingDelivery, awaiting);
        return new AlertEvaluation(fired, still, resolved, failed);
    }

    /// <summary>Raises an alert directly (outside the rules), deduplicated like the rules' alerts, and sends it if it is new.</summary>
    /// <param name="candidate">The condition.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alert and what changed.</returns>
    public Task<(Alert Alert, AlertChange Change)> RaiseAsync(AlertCandidate candidate, CancellationToken cancellationToken) =>
        RaiseAsync(candidate, _time.GetUtcNow(), cancellationToken);

    /// <summary>Lists alerts, newest first.</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alerts.</returns>
    public Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken) => _store.ListAsync(query, cancellationToken);

    private async Task<(Alert Alert, AlertChange Change)> RaiseAsync(AlertCandidate candidate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var (alert, change) = await _store.RaiseAsync(candidate, $"alrt_{Guid.CreateVersion7(now):N}", now, cancellationToken);
        if (change != AlertChange.Updated)
        {
            Telemetry.ForemanMetrics.Alerts.Add(1, new("foreman.alert.rule", alert.Rule), new("foreman.alert.severity", alert.Severity.ToString()));
        }

        return change == AlertChange.Updated ? (alert, change) : (await NotifyAsync(alert, cancellationToken), change);
    }

    private async Task<Alert> NotifyAsync(Alert alert, CancellationToken cancellationToken)
    {
        var delivered = false;
        foreach (var sink in _sinks)
        {
            try
            {
                delivered |= await sink.SendAsync(alert, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                TracingLog.SinkFailed(_logger, sink.Name, alert.AlertId, 1, ex);
            }
        }

        if (!delivered || _sinks.Count == 0)
        {
            return alert;
        }

        var at = _time.GetUtcNow();
        await _store.MarkNotifiedAsync(alert.AlertId, at, cancellationToken);
        return alert with { NotifiedAt = at };
    }
}
