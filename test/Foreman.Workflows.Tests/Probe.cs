using System.Collections.Concurrent;

namespace Foreman.Workflows.Tests;

/// <summary>Counts how often each step body really ran, per test (workflow code is static, so counts are keyed by a test id).</summary>
internal static class Probe
{
    private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new(StringComparer.Ordinal);

    public static int Hit(string key) => Counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public static int Count(string key) => Counts.GetValueOrDefault(key);

    /// <summary>A gate a step can wait on; tests open it.</summary>
    public static Task Gate(string key) => Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Open(string key) => Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
