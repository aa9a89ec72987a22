using Azure.Data.Tables;
using Bra.Core.Email;
using Bra.Core.Storage;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

public sealed record DelegatedToView(string Id, string Name, string Email);

public sealed record ConsulteeView(
    string Id, string Name, string Email, string? Organisation, ConsulteeState State, DateTimeOffset? InvitedAt, IReadOnlyList<DateTimeOffset> RemindedAt,
    DateTimeOffset? AnsweredAt, DateTimeOffset? LastAmendedAt, int Versions, Position? Position, bool Late, DelegatedToView? DelegatedTo, string? DelegatedFrom);

public sealed record ConsultationCounts(int Total, int Invited, int Answered, int Delegated, int NotAnswered);

public sealed record ConsultationView(
    string Id, string Title, string? CaseNumber, ConsultationState State, DateTimeOffset Deadline, string DeadlineText, string DocumentId, string DocumentSha256,
    DateTimeOffset CreatedAt, string OwnerName, DateTimeOffset? ClosedAt, DateTimeOffset? CancelledAt, string? CancelReason, IReadOnlyList<string> Reminders,
    ConsultationCounts Counts, IReadOnlyList<ConsulteeView>? Consultees, string? CompilationUrl, string? CompilationSha256);

/// <summary>
/// The status API's view: consultees with their answer state, and when each was invited and reminded (read from the
/// email ledger's partition for the consultation, so sending needs no extra writes).
/// </summary>
public sealed class ConsultationStatus(ConsultationStore store, StorageAccount storage)
{
    public async Task<ConsultationView?> GetAsync(string id, bool withConsultees, CancellationToken ct)
    {
        // The consultation and the email ledger are read side by side.
        var dataRead = store.LoadAsync(id, ct);
        var sentRead = withConsultees && ConsultationStore.IsId(id) ? SentAsync(id, ct) : Task.FromResult(new List<(string Purpose, string Party, DateTimeOffset At)>());
        await Task.WhenAll(dataRead, sentRead);
        return await dataRead is { } data ? Build(data, await sentRead, withConsultees) : null;
    }

    public static ConsultationView Build(ConsultationData data, IReadOnlyList<(string Purpose, string Party, DateTimeOffset At)> sent, bool withConsultees)
    {
        var c = data.Consultation;
        var byParty = sent.ToLookup(s => s.Party, StringComparer.Ordinal);
        var views = data.Consultees.Select(x =>
        {
            var versions = data.VersionsOf(x.Id);
            var state = x.DelegatedTo is not null ? ConsulteeState.Delegated
                : versions.Count > 0 ? ConsulteeState.Answered
                : c.State == ConsultationState.Open ? ConsulteeState.Invited : ConsulteeState.NotAnswered;
            var mails = byParty[x.Id].ToList();
            return new ConsulteeView(x.Id, x.Name, x.Email, x.Organisation, state,
                mails.Where(m => m.Purpose == ConsultationMailing.InvitePurpose).Select(m => (DateTimeOffset?)m.At).FirstOrDefault(),
                mails.Where(m => m.Purpose.StartsWith("reminder-", StringComparison.Ordinal)).Select(m => m.At).Order().ToList(),
                versions.FirstOrDefault()?.ReceivedAt, versions.Count > 1 ? versions[^1].ReceivedAt : null, versions.Count,
                versions.LastOrDefault()?.Position, versions.LastOrDefault()?.Late == true,
                x.DelegatedTo is { } d ? new DelegatedToView(d.ConsulteeId, d.Name, d.Email) : null, x.DelegatedFromId);
        }).ToList();
        var counts = new ConsultationCounts(views.Count, views.Count(v => v.State == ConsulteeState.Invited), views.Count(v => v.State == ConsulteeState.Answered),
            views.Count(v => v.State == ConsulteeState.Delegated), views.Count(v => v.State == ConsulteeState.NotAnswered));
        var closed = c.State == ConsultationState.Closed;
        return new ConsultationView(c.Id, c.Title, c.CaseNumber, c.State, c.Deadline, SwedishTime.Format(c.Deadline), c.DocumentId, c.DocumentSha256,
            c.CreatedAt, c.OwnerName, c.ClosedAt, c.CancelledAt, c.CancelReason, c.Reminders, counts, withConsultees ? views : null,
            closed ? $"/api/consultations/{c.Id}/compilation" : null, c.CompilationSha256);
    }

    private async Task<List<(string Purpose, string Party, DateTimeOffset At)>> SentAsync(string id, CancellationToken ct)
    {
        var table = await storage.TableAsync(EmailLedger.TableName, ct);
        var list = new List<(string, string, DateTimeOffset)>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["Id", "SentAt"], cancellationToken: ct))
        {
            var parts = row.GetString("Id")?.Split('/');
            if (parts is { Length: 3 } && row.GetDateTimeOffset("SentAt") is { } at)
            {
                list.Add((parts[1], parts[2], at));
            }
        }

        return list;
    }
}
