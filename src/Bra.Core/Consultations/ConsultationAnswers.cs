using Bra.Core.Documents;

namespace Bra.Core.Consultations;

/// <summary>
/// Stores an answer as the consultee's next version. A resubmitted form (same form key) or an unchanged answer stores
/// nothing new and returns the version already stored, so a double click or a retried POST gives one version.
/// With a receipt, the version and its pending receipt are stored in one transaction; <see cref="ConsultationReceipts"/>
/// mails it after the response.
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

    /// <summary>The consultee's latest version and the ETag of its latest row (null when there is no such row yet).</summary>
    public sealed record Latest(Answer? Answer, Azure.ETag? ETag);

    /// <summary>The latest version: one point read, or with <paramref name="thorough"/> also the versions query.</summary>
    public async Task<Latest> LatestAsync(string consultationId, string consulteeId, bool thorough, CancellationToken ct)
    {
        var latestRead = store.GetLatestAnswerAsync(consultationId, consulteeId, ct);
        var versionsRead = thorough ? store.VersionsAsync(consultationId, consulteeId, ct) : Task.FromResult<IReadOnlyList<Answer>>([]);
        await Task.WhenAll(latestRead, versionsRead);
        var row = await latestRead;
        var versions = await versionsRead;
        var last = versions.Count > 0 && (row is null || versions[^1].Version > row.Value.Value.Version) ? versions[^1] : row?.Value;
        return new Latest(last, row?.ETag);
    }

    /// <param name="latest">The consultee's latest version as the caller read it (one point read beside its other reads), or null to read it here.</param>
    /// <param name="withReceipt">Whether a receipt is due for a new version (a consultee's own answer; not one registered by staff).</param>
    public async Task<Outcome> SubmitAsync(Consultation consultation, string consulteeId, Latest? latest, AnswerDraft draft, Attachment? attachment,
        string? formKey, string? registeredBy, DateTimeOffset? receivedAt, bool withReceipt, CancellationToken ct)
    {
        StoredDocument? stored = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // After a conflict, the versions are read as well: they are the record (and cover versions stored before latest rows existed).
            var known = attempt == 0 && latest is not null ? latest : await LatestAsync(consultation.Id, consulteeId, thorough: attempt > 0, ct);
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
            var (inserted, pending) = await store.TryInsertAnswerAsync(consultation.Id, answer, known.ETag, withReceipt, ct);
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
