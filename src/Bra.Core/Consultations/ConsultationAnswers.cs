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

    public sealed record Attachment(string FileName, byte[] Content);

    public sealed record Outcome(Answer? Answer, bool IsNew, string? AttachmentError);

    /// <param name="versions">The consultee's versions when the caller has read them already (the first attempt uses them, a conflict reads again).</param>
    /// <param name="withReceipt">Whether a receipt is due for a new version (a consultee's own answer; not one registered by staff).</param>
    public async Task<Outcome> SubmitAsync(Consultation consultation, string consulteeId, IReadOnlyList<Answer>? versions, AnswerDraft draft, Attachment? attachment,
        string? formKey, string? registeredBy, DateTimeOffset? receivedAt, bool withReceipt, CancellationToken ct)
    {
        StoredDocument? stored = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var known = attempt == 0 && versions is not null ? versions : await store.VersionsAsync(consultation.Id, consulteeId, ct);
            var last = known.Count > 0 ? known[^1] : null;
            if (last is not null && ((formKey is not null && last.FormKey == formKey) || (attachment is null && Same(last, draft))))
            {
                return new Outcome(last, false, null);
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
            if (await store.TryInsertAnswerAsync(consultation.Id, answer, withReceipt, ct))
            {
                return new Outcome(answer, true, null);
            }
        }

        throw new InvalidOperationException("The answer could not be stored after repeated version conflicts.");
    }

    private static bool Same(Answer last, AnswerDraft draft) =>
        last.Position == draft.Position && last.Comments == draft.Comments && last.RespondentName == draft.RespondentName && last.RespondentRole == draft.RespondentRole;
}
