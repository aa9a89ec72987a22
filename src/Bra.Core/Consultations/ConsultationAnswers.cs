using Bra.Core.Documents;

namespace Bra.Core.Consultations;

/// <summary>
/// Stores an answer as the consultee's next version. A resubmitted form (same form key) or an unchanged answer stores
/// nothing new and returns the version already stored, so a double click or a retried POST gives one version.
/// The version, the consultee row that keeps it as the latest and (with a receipt) its pending receipt are stored in one
/// transaction; <see cref="ConsultationReceipts"/> mails the receipt after the response.
/// </summary>
public sealed class ConsultationAnswers(ConsultationStore store, DocumentStore documents, TimeProvider time)
{
    public const long MaxAttachmentBytes = 10L * 1024 * 1024;

    /// <summary>How many versions one consultee's answer may have; each may carry a 10 MB attachment and a receipt.</summary>
    public const int MaxVersions = 20;

    public sealed record Attachment(string FileName, byte[] Content);

    /// <summary>The stored (or already stored) answer; or, with no answer, why not: an attachment error, or the version cap.</summary>
    /// <param name="PendingReceipt">The new version's pending receipt row as stored (with its ETag), when a receipt is due and storage returned it.</param>
    public sealed record Outcome(Answer? Answer, bool IsNew, string? AttachmentError, string? LimitError = null, Storage.JsonRow? PendingReceipt = null);

    /// <summary>The consultee as read (with its row's ETag), its latest version and when its first version came in.</summary>
    public sealed record Latest(Consultee Consultee, Azure.ETag ETag, Answer? Answer, DateTimeOffset? FirstAnsweredAt);

    /// <summary>
    /// What one point read of the consultee row tells: its latest version, kept on the row; null for a row stored before
    /// rows kept it (then <see cref="LatestAsync"/> reads the versions).
    /// </summary>
    public static Latest? From(Consultee consultee, Azure.ETag etag) =>
        consultee.KeepsLastAnswer ? new Latest(consultee, etag, consultee.LastAnswer, consultee.FirstAnsweredAt) : null;

    /// <summary>The consultee's latest version for a page: from its row, or for a row stored before rows kept it, from the versions.</summary>
    public async Task<Answer?> LastAsync(string consultationId, Consultee consultee, CancellationToken ct) =>
        consultee.KeepsLastAnswer ? consultee.LastAnswer : (await store.VersionsAsync(consultationId, consultee.Id, ct)).LastOrDefault();

    /// <summary>
    /// The consultee row (one point read), and with <paramref name="thorough"/>, or for a row that does not keep its latest
    /// version, the versions query too (the versions are the record). Null when there is no such consultee.
    /// </summary>
    public async Task<Latest?> LatestAsync(string consultationId, string consulteeId, bool thorough, CancellationToken ct)
    {
        if (await store.GetConsulteeAsync(consultationId, consulteeId, ct) is not { } row)
        {
            return null;
        }

        if (!thorough && From(row.Value, row.ETag) is { } kept)
        {
            return kept;
        }

        var versions = await store.VersionsAsync(consultationId, consulteeId, ct);
        var keptLast = row.Value.LastAnswer;
        var last = versions.Count > 0 && (keptLast is null || versions[^1].Version > keptLast.Version) ? versions[^1] : keptLast;
        return new Latest(row.Value, row.ETag, last, versions.FirstOrDefault()?.ReceivedAt ?? row.Value.FirstAnsweredAt);
    }

    /// <param name="latest">The consultee and its latest version as the caller read them (<see cref="From"/>), or null to read them here.</param>
    /// <param name="withReceipt">Whether a receipt is due for a new version (a consultee's own answer; not one registered by staff).</param>
    public async Task<Outcome> SubmitAsync(Consultation consultation, string consulteeId, Latest? latest, AnswerDraft draft, Attachment? attachment,
        string? formKey, string? registeredBy, DateTimeOffset? receivedAt, bool withReceipt, CancellationToken ct)
    {
        StoredDocument? stored = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // After a conflict, the versions are read as well: they are the record.
            var known = attempt == 0 && latest is not null ? latest
                : await LatestAsync(consultation.Id, consulteeId, thorough: attempt > 0, ct)
                  ?? throw new InvalidOperationException($"Consultation {consultation.Id} has no such consultee.");
            var last = known.Answer;
            if (last is not null && ((formKey is not null && last.FormKey == formKey) || (attachment is null && Same(last, draft))))
            {
                return new Outcome(last, false, null);
            }

            if (last is { Version: >= MaxVersions })
            {
                return new Outcome(null, false, null,
                    $"Svaret har redan {MaxVersions} versioner, vilket är det högsta antalet. Kontakta avsändaren om något mer behöver ändras.");
            }

            if (attachment is not null && stored is null)
            {
                var (document, error) = await documents.SaveAsync(attachment.FileName, attachment.Content, DocumentKinds.AnswerAttachments, MaxAttachmentBytes, null, ct);
                if (document is null)
                {
                    return new Outcome(null, false, error);
                }

                stored = document;
            }

            var at = receivedAt ?? time.GetUtcNow();
            var answer = new Answer(consulteeId, (last?.Version ?? 0) + 1, draft.Position, draft.Comments, draft.RespondentName, draft.RespondentRole,
                stored?.Id ?? last?.AttachmentId, stored?.FileName ?? last?.AttachmentName, at, at > consultation.Deadline, registeredBy, formKey);
            var consultee = known.Consultee with { KeepsLastAnswer = true, LastAnswer = answer, FirstAnsweredAt = known.FirstAnsweredAt ?? answer.ReceivedAt };
            var (inserted, pending) = await store.TryInsertAnswerAsync(consultation.Id, consultee, known.ETag, answer, withReceipt, ct);
            if (inserted)
            {
                return new Outcome(answer, true, null, PendingReceipt: pending);
            }
        }

        throw new InvalidOperationException("The answer could not be stored after repeated version conflicts.");
    }

    private static bool Same(Answer last, AnswerDraft draft) =>
        last.Position == draft.Position && last.Comments == draft.Comments && last.RespondentName == draft.RespondentName && last.RespondentRole == draft.RespondentRole;
}
