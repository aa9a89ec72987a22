namespace Bra.IntegrationTests.Support;

/// <summary>Waiting for what a durable workflow or a background service does, with a deadline and a clear timeout message.</summary>
public static class Polling
{
    /// <summary>
    /// Reads until <paramref name="done"/> holds and returns that value; throws <see cref="TimeoutException"/> (naming
    /// <paramref name="what"/> and the last value) after <paramref name="timeout"/>. Reads every 250 ms, or every
    /// <paramref name="every"/>.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
        }
    }
}
