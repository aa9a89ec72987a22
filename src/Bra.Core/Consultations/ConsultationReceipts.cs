using System.Threading.Channels;
using Azure;
using Bra.Core.Email;
using Bra.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Consultations;

/// <summary>
/// Mails the receipt of every stored answer version exactly once, after the answer's response. The answer request
/// stores the version and a <see cref="PendingReceipt"/> row in one table transaction (a transactional outbox) and
/// returns; when the response has completed, the receipt is queued in process and sent from here. A sender claims the
/// pending row with its ETag before mailing and deletes it after, so the in-process send and the sweep never both mail
/// it. A crash between storing and mailing leaves the row: <see cref="SweepAsync"/> (development host: a hosted service;
/// Functions: a timer trigger) finds it and sends it. A claim whose sender died expires after <see cref="ClaimLease"/>.
/// Nothing here touches the consultation's orchestration, so its history does not grow with the answers.
/// </summary>
public sealed class ConsultationReceipts(ConsultationStore store, StorageAccount storage, Mailer mailer, IReceiptSendGate gate, TimeProvider time,
    ILogger<ConsultationReceipts> logger)
{
    /// <summary>How long a claimed receipt is left to its sender before a sweep takes it over (and retries a failed send).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Sends tried before a receipt is given up (the answer itself is stored either way): about an hour of sweeps.</summary>
    public const int MaxAttempts = 12;

    // Few at a time: receipts may lag a burst of answers by seconds, but do not compete with the answers' own storage requests.
    private const int Parallelism = 2;

    /// <summary>How long a queued receipt gives way to answers being stored in this process before it is sent anyway.</summary>
    private static readonly TimeSpan GiveWay = TimeSpan.FromSeconds(3);

    private readonly RecordTable records = new(storage, ConsultationStore.TableName);

    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    private int answering;

    private sealed record Work(Consultation Consultation, Consultee Consultee, Answer Answer, JsonRow? Pending, DateTimeOffset QueuedAt = default);

    /// <summary>
    /// Marks an answer request in progress until disposed. Queued receipts give way to such requests for up to
    /// <see cref="GiveWay"/>, so a burst of answers has the storage account to itself and its receipts follow it.
    /// </summary>
    public IDisposable Answering()
    {
        Interlocked.Increment(ref answering);
        return new Release(this);
    }

    private sealed class Release(ConsultationReceipts owner) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                Interlocked.Decrement(ref owner.answering);
            }
        }
    }

    /// <summary>
    /// Queues the receipt of a version just stored, to be sent from here; the answer's route calls it once its response
    /// has gone out.
    /// </summary>
    /// <param name="pending">The pending receipt row as stored (its ETag saves a read), or null to read it before claiming.</param>
    public void Send(Consultation consultation, Consultee consultee, Answer answer, JsonRow? pending) =>
        queue.Writer.TryWrite(new Work(consultation, consultee, answer, pending, time.GetUtcNow()));

    /// <summary>Sends queued receipts until the host stops (run by <see cref="ReceiptDispatcher"/> in both hosts).</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                async (work, ct) =>
                {
                    while (Volatile.Read(ref answering) > 0 && time.GetUtcNow() < work.QueuedAt + GiveWay)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct);
                    }

                    await SendAsync(work, ct);
                });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is in storage and the next sweep sends it.
        }
    }

    /// <summary>Sends every pending receipt that nobody holds a live claim on; returns how many were sent.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        StorageOperationCounter.MarkReceiptWork();
        var table = await records.ClientAsync(ct);
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var consultation in await store.ListAsync(ct))
        {
            var rows = new List<JsonRow>();
            await foreach (var row in table.QueryAsync<JsonRow>(r => r.PartitionKey == consultation.Id && r.RowKey.CompareTo("r-") >= 0 && r.RowKey.CompareTo("r.") < 0,
                               cancellationToken: ct))
            {
                rows.Add(row);
            }

            await Parallel.ForEachAsync(rows.Where(r => !(r.Read<PendingReceipt>().ClaimedUntil > now)),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (row, token) =>
                {
                    var pending = row.Read<PendingReceipt>();
                    var consulteeRead = store.GetConsulteeAsync(consultation.Id, pending.ConsulteeId, token);
                    var answer = await store.GetAnswerAsync(consultation.Id, pending.ConsulteeId, pending.Version, token);
                    if (await consulteeRead is { } consultee && answer is not null && await SendAsync(new Work(consultation, consultee.Value, answer, row), token))
                    {
                        Interlocked.Increment(ref sent);
                    }
                });
        }

        if (sent > 0)
        {
            logger.LogInformation("The receipt sweep sent {Count} receipts that were stored but not yet mailed", sent);
        }

        return sent;
    }

    /// <summary>Claims the pending row, mails the receipt and removes the row. False when someone else has it or it is gone.</summary>
    private async Task<bool> SendAsync(Work work, CancellationToken ct)
    {
        StorageOperationCounter.MarkReceiptWork();
        var (consultation, consultee, answer, _, _) = work;
        try
        {
            await gate.BeforeSendingAsync(consultation.Id, answer.Version, ct);

            var table = await records.ClientAsync(ct);
            var key = ConsultationStore.ReceiptKey(consultee.Id, answer.Version);
            if ((work.Pending ?? await records.GetRowAsync(consultation.Id, key, ct)) is not { } row)
            {
                return false;
            }

            var pending = row.Read<PendingReceipt>();
            var now = time.GetUtcNow();
            if (pending.ClaimedUntil > now)
            {
                return false;
            }

            if (pending.Attempts >= MaxAttempts)
            {
                logger.LogError("Receipt of consultation {ConsultationId} version {Version} given up after {Attempts} failed sends", consultation.Id, answer.Version, pending.Attempts);
                await table.DeleteEntityAsync(consultation.Id, key, row.ETag, CancellationToken.None);
                return false;
            }

            var claim = pending with { ClaimedUntil = now + ClaimLease, Attempts = pending.Attempts + 1 };
            if (await records.TryReplaceAsync(consultation.Id, key, claim, row.ETag, ct) is not { } claimed)
            {
                return false;
            }

            // Its own ledger partition per consultee keeps the duplicate check small under many concurrent answers.
            var id = new EmailMessageId($"{consultation.Id}-{consultee.Id}", consultee.Id, $"receipt-v{answer.Version}");
            await mailer.SendAsync(ConsultationEmails.Receipt(consultation, consultee, answer, id), CancellationToken.None);
            try
            {
                await table.DeleteEntityAsync(consultation.Id, key, claimed, CancellationToken.None);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Gone already; the ledger keeps any later sweep from mailing it again.
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The pending row stays; a sweep retries it once the claim has expired.
            logger.LogWarning(ex, "Receipt of consultation {ConsultationId} version {Version} was not sent; a later sweep retries it", consultation.Id, answer.Version);
            return false;
        }
    }
}

/// <summary>Runs the in-process receipt queue in whichever host the application runs in.</summary>
public sealed class ReceiptDispatcher(ConsultationReceipts receipts) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => receipts.RunAsync(stoppingToken);
}
