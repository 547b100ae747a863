using Foreman.Testing;

namespace Foreman.Tests.Tools;

/// <summary>
/// Moves a fake clock forward in small steps until a task completes. Timer callbacks may finish their work on
/// the thread pool, so each step yields a bounded number of times before advancing again: no sleeps, no wall clock.
/// </summary>
internal static class ClockDriver
{
    /// <summary>
    /// Starts an operation with no synchronization context, so that its continuations run inline on whichever thread
    /// completes what it awaits; a timer fired by <see cref="FakeTimeProvider.Advance"/> then carries the operation
    /// forward before Advance returns, instead of queueing it behind the test runner's other work.
    /// </summary>
    public static Task<T> StartInline<T>(Func<Task<T>> start)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return start();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 1_000)
    {
        await YieldUntilAsync(task);
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            time.Advance(step);
            await YieldUntilAsync(task);
        }

        task.IsCompleted.ShouldBeTrue($"the task did not complete within {maxSteps} steps of {step} on the fake clock (now {time})");
        return await task;
    }

    /// <summary>Lets continuations scheduled on the thread pool run, up to a bound, until the task completes.</summary>
    public static async Task YieldUntilAsync(Task task, int maxYields = 200)
    {
        for (var i = 0; i < maxYields && !task.IsCompleted; i++)
        {
            await Task.Yield();
        }
    }
}
