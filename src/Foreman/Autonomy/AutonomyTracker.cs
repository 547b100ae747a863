using Foreman.Reviews;

namespace Foreman.Autonomy;

/// <summary>
/// Keeps each decision type's level in step with its track record: reads the reviewed decisions since the last
/// change (within the window), asks the <see cref="LevelAdjuster"/>, and records every change with its evidence.
/// Counting only outcomes since the last change means each step (2 → 1 → 0) needs its own fresh evidence.
/// Thread-safe; concurrent evaluations of one type may both record the same change, which is harmless because
/// the latest record wins.
/// </summary>
public sealed class AutonomyTracker
{
    private readonly IReviewStore _store;
    private readonly LevelAdjuster _adjuster;
    private readonly AutonomyPolicy _policy;
    private readonly TimeProvider _time;

    /// <summary>Creates a tracker.</summary>
    /// <param name="store">Where outcomes and changes live.</param>
    /// <param name="policy">The policy (its initial level is a type's level before any change).</param>
    /// <param name="adjuster">The thresholds.</param>
    /// <param name="timeProvider">The clock. The default value is <see cref="TimeProvider.System"/>.</param>
    public AutonomyTracker(IReviewStore store, AutonomyPolicy policy, LevelAdjuster? adjuster = null, TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _adjuster = adjuster ?? new LevelAdjuster();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the policy.</summary>
    public AutonomyPolicy Policy => _policy;

    /// <summary>Reads a decision type's standing: the last recorded change, or the policy's initial level.</summary>
    /// <param name="decisionType">The decision type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The standing.</returns>
    public async Task<AutonomyStanding> GetStandingAsync(string decisionType, CancellationToken cancellationToken)
    {
        var last = await LastChangeAsync(decisionType, cancellationToken);
        return last is null
            ? new AutonomyStanding(decisionType, _policy.InitialLevel, false)
            : new AutonomyStanding(decisionType, last.To, last.Kind == LevelChangeKind.Pin);
    }

    /// <summary>Resolves the level of one decision: its type's standing under the policy's rules.</summary>
    /// <param name="request">The decision.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The level.</returns>
    public async Task<AutonomyLevel> ResolveAsync(AutonomyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _policy.Resolve(request, await GetStandingAsync(request.DecisionType, cancellationToken));
    }

    /// <summary>Evaluates a decision type's track record and records a promotion or demotion if it calls for one.</summary>
    /// <param name="decisionType">The decision type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded change, or <see langword="null"/> (not enough evidence, inside the hysteresis band, or pinned).</returns>
    public async Task<LevelChange?> EvaluateAsync(string decisionType, CancellationToken cancellationToken)
    {
        var last = await LastChangeAsync(decisionType, cancellationToken);
        if (last?.Kind == LevelChangeKind.Pin)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var since = now - _adjuster.Window;
        if (last is not null && last.At > since)
        {
            since = last.At;
        }

        var outcomes = await _store.ListOutcomesAsync(decisionType, since, cancellationToken);
        var change = _adjuster.Evaluate(decisionType, last?.To ?? _policy.InitialLevel, outcomes, now);
        if (change is not null)
        {
            await _store.AppendLevelChangeAsync(change, cancellationToken);
        }

        return change;
    }

    /// <summary>Pins a decision type's level: the track record and the rules no longer move it.</summary>
    /// <param name="decisionType">The decision type.</param>
    /// <param name="level">The level.</param>
    /// <param name="operatorName">Who pins it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audit record.</returns>
    public async Task<LevelChange> PinAsync(string decisionType, AutonomyLevel level, string operatorName, string reason, CancellationToken cancellationToken)
    {
        var standing = await GetStandingAsync(decisionType, cancellationToken);
        var change = new LevelChange(decisionType, standing.Level, level, LevelChangeKind.Pin, reason, 0, 0, _time.GetUtcNow(), operatorName);
        await _store.AppendLevelChangeAsync(change, cancellationToken);
        return change;
    }

    /// <summary>Releases a pin; the type keeps the pinned level until its track record moves it.</summary>
    /// <param name="decisionType">The decision type.</param>
    /// <param name="operatorName">Who releases it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audit record.</returns>
    public async Task<LevelChange> UnpinAsync(string decisionType, string operatorName, string reason, CancellationToken cancellationToken)
    {
        var standing = await GetStandingAsync(decisionType, cancellationToken);
        var change = new LevelChange(decisionType, standing.Level, standing.Level, LevelChangeKind.Unpin, reason, 0, 0, _time.GetUtcNow(), operatorName);
        await _store.AppendLevelChangeAsync(change, cancellationToken);
        return change;
    }

    private async Task<LevelChange?> LastChangeAsync(string decisionType, CancellationToken cancellationToken)
    {
        var changes = await _store.ListLevelChangesAsync(decisionType, cancellationToken);
        return changes.Count == 0 ? null : changes[^1];
    }
}
