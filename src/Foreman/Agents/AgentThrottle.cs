using Foreman.Resilience;

namespace Foreman.Agents;

/// <summary>An agent's model rate limits (requests and tokens per minute), shared by all its runs. Thread-safe.</summary>
internal sealed class AgentThrottle : IDisposable
{
    private readonly TimedTokenBucket? _requests;
    private readonly TimedTokenBucket? _tokens;

    public AgentThrottle(int? requestsPerMinute, int? tokensPerMinute, TimeProvider timeProvider)
    {
        _requests = requestsPerMinute is int rpm ? new TimedTokenBucket(rpm, timeProvider) : null;
        _tokens = tokensPerMinute is int tpm ? new TimedTokenBucket(tpm, timeProvider) : null;
    }

    /// <summary>Waits for room for one request of about <paramref name="tokens"/> tokens; false when the wait would exceed <paramref name="maxWait"/>.</summary>
    public async ValueTask<bool> AcquireAsync(long tokens, TimeSpan maxWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (_requests is not null && !await _requests.TakeAsync(1, maxWait, timeProvider, cancellationToken))
        {
            return false;
        }

        return _tokens is null || await _tokens.TakeAsync(tokens, maxWait, timeProvider, cancellationToken);
    }

    public void Dispose()
    {
        _requests?.Dispose();
        _tokens?.Dispose();
    }
}
