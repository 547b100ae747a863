namespace Foreman.Testing;

/// <summary>
/// A counter shared by the clients of one provider, so their logs merge in the order calls really started
/// even when a fake clock gives every call the same timestamp.
/// </summary>
internal sealed class CallSequence
{
    private long _last;

    public long Next() => Interlocked.Increment(ref _last);
}
