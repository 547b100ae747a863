using Foreman.Testing;

namespace Foreman.Tests.Agents;

/// <summary>Moves a fake clock until a task ends: time passes only as fast as the test says, never by sleeping.</summary>
internal static class ClockDriving
{
    /// <summary>
    /// Starts async work with no synchronization context. Together with <see cref="AdvanceDetached"/> this makes
    /// every continuation a timer releases run inline, inside <see cref="FakeTimeProvider.Advance"/>, on the test's
    /// thread, so the clock can never run ahead of the code under test. Under xUnit's context the runtime refuses
    /// to inline (even <c>ConfigureAwait(false)</c> continuations such as Polly's) and queues them to the thread pool,
    /// where they race the test's next advance.
    /// </summary>
    public static Task<T> StartDetached<T>(Func<Task<T>> start) => WithoutContext(start);

    /// <summary>Moves the clock with no synchronization context, so released continuations run inline; see <see cref="StartDetached"/>.</summary>
    public static void AdvanceDetached(this FakeTimeProvider clock, TimeSpan step) => WithoutContext(() =>
    {
        clock.Advance(step);
        return true;
    });

    public static async Task<T> DriveAsync<T>(this FakeTimeProvider clock, Task<T> task, TimeSpan step, int maxSteps)
    {
        for (var i = 0; !task.IsCompleted && i < maxSteps; i++)
        {
            clock.AdvanceDetached(step);
            await Task.Yield();
        }

        // Work released by the last advance may still be queued on a busy thread pool (full test runs): give it
        // a bounded real-time grace period; the fake clock stays where it is.
        if (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10), TimeProvider.System));
        }

        task.IsCompleted.ShouldBeTrue($"the task did not finish within {maxSteps} steps of {step} on the fake clock");
        return await task;
    }

    /// <summary>Gives work the code under test may have queued a bounded number of chances to run.</summary>
    public static async Task SettleAsync(Func<bool> done, int maxYields = 200)
    {
        for (var i = 0; !done() && i < maxYields; i++)
        {
            await Task.Yield();
        }
    }

    private static T WithoutContext<T>(Func<T> action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
