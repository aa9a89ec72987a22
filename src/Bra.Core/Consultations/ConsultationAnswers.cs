using Bra.Core.Documents;

namespace Bra.Core.Consultations;

/// <summary>
/// Stores an answer as the consultee's next version. A resubmitted form (same form key) or an unchanged answer stores
/// nothing new and returns the version already stored, so a double click or a retried POST gives one version.
/// </summary>
public sealed class ConsultationAnswers(ConsultationStore store, DocumentStore documents, TimeProvider time)
{
    public const long MaxAttachmentBytes = 10L * 1024 * 1024;

    /// <summary>How many versions one consultee's answer may have; each may carry a 10 MB attachment and a receipt.</summary>
    public const int MaxVersions = 20;

    public sealed record Attachment(string FileName, byte[] Content);

    /// <summary>The stored (or already stored) answer; or, with no answer, why not: an attachment error, or the version cap.</summary>
    public sealed record Outcome(Answer? Answer, bool IsNew, string? AttachmentError, string? LimitError = null);

    public async Task<Outcome> SubmitAsync(Consultation consultation, string consulteeId, AnswerDraft draft, Attachment? attachment,
        string? formKey, string? registeredBy, DateTimeOffset? receivedAt, CancellationToken ct)
    {
        StoredDocument? stored = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var last = (await store.VersionsAsync(consultation.Id, consulteeId, ct)).LastOrDefault();
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
            if (await store.TryInsertAnswerAsync(consultation.Id, answer, ct))
            {
                return new Outcome(answer, true, null);
            }
        }

        throw new InvalidOperationException("The answer could not be stored after repeated version conflicts.");
    }

    private static bool Same(Answer last, AnswerDraft draft) =>
        last.Position == draft.Position && last.Comments == draft.Comments && last.RespondentName == draft.RespondentName && last.RespondentRole == draft.RespondentRole;
}
