using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Bra.Core.Links;

/// <summary>
/// Slows down guessing of link tokens: a sliding window of unknown-token attempts per client address, kept in memory.
/// It is per instance: with several instances a client gets up to that many attempts on each, which still leaves
/// guessing a 256-bit token hopeless; the limit protects storage and logs rather than the token space.
/// </summary>
public sealed class UnknownTokenLimiter(IOptions<LinkOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> attempts = new(StringComparer.Ordinal);

    public bool IsBlocked(string client)
    {
        if (!attempts.TryGetValue(client, out var queue))
        {
            return false;
        }

        lock (queue)
        {
            Trim(queue);
            return queue.Count >= options.Value.UnknownTokenLimit;
        }
    }

    public void RecordUnknown(string client)
    {
        var queue = attempts.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Trim(queue);
            queue.Enqueue(time.GetUtcNow());
        }

        if (attempts.Count > 10_000)
        {
            foreach (var (key, q) in attempts)
            {
                lock (q)
                {
                    Trim(q);
                    if (q.Count == 0)
                    {
                        attempts.TryRemove(key, out _);
                    }
                }
            }
        }
    }

    private void Trim(Queue<DateTimeOffset> queue)
    {
        var since = time.GetUtcNow() - options.Value.UnknownTokenWindow;
        while (queue.Count > 0 && queue.Peek() <= since)
        {
            queue.Dequeue();
        }
    }
}
