namespace Foreman.Testing;

/// <summary>A bounded, thread-safe list of the most recent call records.</summary>
internal sealed class CallLog
{
    private readonly Lock _lock = new();
    private readonly Queue<SimulatedCallRecord> _records = new();
    private readonly int _capacity;

    public CallLog(int capacity)
    {
        _capacity = capacity;
    }

    public void Add(SimulatedCallRecord record)
    {
        lock (_lock)
        {
            if (_records.Count == _capacity)
            {
                _records.Dequeue();
            }

            _records.Enqueue(record);
        }
    }

    public IReadOnlyList<SimulatedCallRecord> Snapshot()
    {
        lock (_lock)
        {
            return [.. _records];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _records.Clear();
        }
    }
}
