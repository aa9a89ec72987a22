using Azure.Core;
using Azure.Core.Pipeline;

namespace Bra.Core.Storage;

/// <summary>
/// Counts the requests the application's Table and Blob clients send (each attempt, retries included), and how many of
/// them were sent for answer receipts. Two atomic increments per request; the development host shows the counts at
/// <c>/dev/storage-operations</c> so the benchmark can say what one answer costs.
/// </summary>
public sealed class StorageOperationCounter
{
    private static readonly AsyncLocal<bool> ReceiptWork = new();
    private long total;
    private long receipts;

    public StorageOperationCounter() => Policy = new CountingPolicy(this);

    public long Total => Interlocked.Read(ref total);

    public long Receipts => Interlocked.Read(ref receipts);

    public HttpPipelinePolicy Policy { get; }

    /// <summary>Marks the rest of the calling async flow as receipt work.</summary>
    public static void MarkReceiptWork() => ReceiptWork.Value = true;

    private sealed class CountingPolicy(StorageOperationCounter counter) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref counter.total);
            if (ReceiptWork.Value)
            {
                Interlocked.Increment(ref counter.receipts);
            }
        }
    }
}
