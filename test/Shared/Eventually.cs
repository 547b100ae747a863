using Foreman.Testing;

namespace Foreman.TestSupport;

/// <summary>Waits for something a background worker does, while a test drives the fake clock.</summary>
internal static class Eventually
{
    /// <summary>
    /// Looks until <paramref name="probe"/> returns a value, up to 1,000 times 10 ms apart in real time, advancing
    /// <paramref name="clock"/> by <paramref name="tick"/> (when given) between looks.
    /// </summary>
    /// <returns>The value, or <see langword="null"/> when it never came.</returns>
    public static async Task<T?> PollAsync<T>(Func<Task<T?>> probe, FakeTimeProvider clock, TimeSpan? tick)
        where T : class
    {
        for (var i = 0; i < 1_000; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (tick is { } t)
            {
                clock.Advance(t);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        return null;
    }
}
