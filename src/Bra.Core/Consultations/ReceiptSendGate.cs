namespace Bra.Core.Consultations;

/// <summary>
/// Runs just before a receipt is claimed and mailed. The registered gate lets every receipt through; the restart test
/// replaces it (through a hosting startup assembly that only the test loads) with one that holds, so it can kill the
/// host between storing an answer and mailing its receipt.
/// </summary>
public interface IReceiptSendGate
{
    Task BeforeSendingAsync(string consultationId, int version, CancellationToken ct);
}

/// <summary>The gate of every host: receipts go straight on.</summary>
public sealed class OpenReceiptGate : IReceiptSendGate
{
    public Task BeforeSendingAsync(string consultationId, int version, CancellationToken ct) => Task.CompletedTask;
}
