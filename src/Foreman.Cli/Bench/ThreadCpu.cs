using System.Globalization;

namespace Foreman.Cli.Bench;

/// <summary>
/// CPU time per thread name, from Linux's <c>/proc/self/task/*/schedstat</c> (nanoseconds): shows whether the store's
/// writer thread, the thread pool or something else does the work. Empty on other systems.
/// </summary>
internal sealed class ThreadCpu
{
    private readonly Dictionary<string, (string Name, long Nanoseconds)> _start;

    private ThreadCpu(Dictionary<string, (string Name, long Nanoseconds)> start) => _start = start;

    public static ThreadCpu Start() => new(Read());

    /// <summary>CPU seconds since <see cref="Start"/>, summed by thread name, busiest first.</summary>
    public IReadOnlyList<(string Name, double Seconds)> Stop() =>
        Read()
            .Select(t => (t.Value.Name, Nanoseconds: t.Value.Nanoseconds - (_start.TryGetValue(t.Key, out var before) ? before.Nanoseconds : 0)))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Seconds: g.Sum(t => t.Nanoseconds) / 1e9))
            .Where(t => t.Seconds >= 0.001)
            .OrderByDescending(t => t.Seconds)
            .ToArray();

    private static Dictionary<string, (string Name, long Nanoseconds)> Read()
    {
        var threads = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        const string Tasks = "/proc/self/task";
        if (!Directory.Exists(Tasks))
        {
            return threads;
        }

        foreach (var task in Directory.EnumerateDirectories(Tasks))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var schedstat = File.ReadAllText(Path.Combine(task, "schedstat"));
                var onCpu = long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

                // Thread-pool threads are numbered; sum them as one.
                threads[Path.GetFileName(task)] = (name.StartsWith(".NET TP Worker", StringComparison.Ordinal) ? ".NET TP Worker" : name, onCpu);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // The thread exited while we looked.
            }
        }

        return threads;
    }
}
