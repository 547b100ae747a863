using System.Collections.Concurrent;
using Foreman.Tools;

namespace Foreman.Resilience;

/// <summary>Holds one <see cref="ToolResilience"/> per tool instance for the lifetime of a runtime. Thread-safe.</summary>
internal sealed class ToolResilienceCache : IDisposable
{
    private readonly ConcurrentDictionary<ForemanTool, ToolResilience> _byTool = new();
    private readonly TimeProvider _timeProvider;

    public ToolResilienceCache(TimeProvider timeProvider) => _timeProvider = timeProvider;

    public ToolResilience For(ForemanTool tool) =>
        _byTool.TryGetValue(tool, out var existing)
            ? existing
            : _byTool.GetOrAdd(tool, static (t, tp) => new ToolResilience(t, tp), _timeProvider);

    public void Dispose()
    {
        foreach (var resilience in _byTool.Values)
        {
            resilience.Dispose();
        }

        _byTool.Clear();
    }
}
