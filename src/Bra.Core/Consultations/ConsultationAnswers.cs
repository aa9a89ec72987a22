using Bra.Core.Documents;
using Bra.Core.Storage;
using Bra.Core.Validation;
using FluentValidation;

namespace Bra.Core.Consultations;

/// <summary>An answer version to store for one consultee, with what came with it.</summary>
/// <param name="Known">The consultee and its latest version as the caller read them, or null to read them here.</param>
/// <param name="FormKey">The form's one-time key: a resubmitted form stores nothing new.</param>
/// <param name="RegisteredBy">The administrator who registers an answer that came by post or email; null for the consultee's own.</param>
/// <param name="WithReceipt">Whether a receipt is due for a new version (a consultee's own answer; not one registered by staff).</param>
public sealed record AnswerSubmission(
    string ConsulteeId,
    AnswerDraft Draft,
    Upload? Attachment = null,
    ConsultationAnswers.Latest? Known = null,
    string? FormKey = null,
    string? RegisteredBy = null,
    DateTimeOffset? ReceivedAt = null,
    bool WithReceipt = false);

/// <summary>The stored (or already stored) version; <paramref name="PendingReceipt"/> is the new version's pending receipt row as stored, when one is due.</summary>
public sealed record StoredAnswer(Answer Answer, bool IsNew, JsonRow? PendingReceipt = null);

/// <summary>
/// Stores an answer as the consultee's next version. A resubmitted form (same form key) or an unchanged answer stores
/// nothing new and returns the version already stored, so a double click or a retried POST gives one version.
/// The version, the consultee row that keeps it as the latest and (with a receipt) its pending receipt are stored in one
/// transaction; <see cref="ConsultationReceipts"/> mails the receipt after the response.
/// </summary>
public sealed class ConsultationAnswers(ConsultationStore store, DocumentStore documents, IValidator<AnswerInput> validator, TimeProvider time)
{
    /// <summary>How many versions one consultee's answer may have; each may carry a 10 MB attachment and a receipt.</summary>
    public const int MaxVersions = 20;

    /// <summary>The consultee as read (with its row's ETag), its latest version and when its first version came in.</summary>
    public sealed record Latest(Consultee Consultee, Azure.ETag ETag, Answer? Answer, DateTimeOffset? FirstAnsweredAt);

    /// <summary>What one point read of the consultee row tells: its latest version, kept on the row.</summary>
    public static Latest From(Consultee consultee, Azure.ETag etag) => new(consultee, etag, consultee.LastAnswer, consultee.FirstAnsweredAt);

    /// <summary>
    /// A consultee's own answer on its link (the party as its link resolved it): the form is validated here, a new version
    /// gets a pending receipt.
    /// </summary>
    public async Task<Result<StoredAnswer>> AnswerAsync(ConsulteeParty party, AnswerInput input, Upload? attachment, string? formKey, CancellationToken ct)
    {
        var errors = (await validator.ValidateAsync(input, ct)).ByField();
        if (attachment is not null && attachment.Content.LongLength > DocumentStore.MaxAnswerAttachmentBytes)
        {
            errors["attachment"] = ["Bilagan är för stor. Högst 10 MB tas emot."];
        }

        if (errors.Count > 0)
        {
            return Result<StoredAnswer>.Invalid(errors);
        }

        return await SubmitAsync(party.Consultation, new AnswerSubmission(party.Consultee.Id, input.ToDraft(), attachment, From(party.Consultee, party.ConsulteeETag),
            formKey is { Length: > 0 and <= 64 } ? formKey : null, WithReceipt: true), ct);
    }

    /// <summary>
    /// The consultee row (one point read), and with <paramref name="thorough"/> the versions query too (the versions are
    /// the record). Null when there is no such consultee.
    /// </summary>
    public async Task<Latest?> LatestAsync(string consultationId, string consulteeId, bool thorough, CancellationToken ct)
    {
        if (await store.GetConsulteeAsync(consultationId, consulteeId, ct) is not { } row)
        {
            return null;
        }

        if (!thorough)
        {
            return From(row.Value, row.ETag);
        }

        var versions = await store.VersionsAsync(consultationId, consulteeId, ct);
        var keptLast = row.Value.LastAnswer;
        var last = versions.Count > 0 && (keptLast is null || versions[^1].Version > keptLast.Version) ? versions[^1] : keptLast;
        return new Latest(row.Value, row.ETag, last, versions.FirstOrDefault()?.ReceivedAt ?? row.Value.FirstAnsweredAt);
    }

    /// <summary>
    /// Stores <paramref name="submission"/> as the consultee's next version (the caller validated the answer). Conflict at
    /// the version cap; Invalid (field <c>attachment</c>) for an attachment that is not accepted; NotFound without such a consultee.
    /// </summary>
    public async Task<Result<StoredAnswer>> SubmitAsync(Consultation consultation, AnswerSubmission submission, CancellationToken ct)
    {
        var (consulteeId, draft, attachment, latest, formKey, registeredBy, receivedAt, withReceipt) = submission;
        StoredDocument? stored = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // After a conflict, the versions are read as well: they are the record.
            if ((attempt == 0 && latest is not null ? latest : await LatestAsync(consultation.Id, consulteeId, thorough: attempt > 0, ct)) is not { } known)
            {
                return Result<StoredAnswer>.NotFound(ConsultationSteering.UnknownConsultee);
            }

            var last = known.Answer;
            if (last is not null && ((formKey is not null && last.FormKey == formKey) || (attachment is null && Same(last, draft))))
            {
                return Result<StoredAnswer>.Ok(new StoredAnswer(last, false));
            }

            if (last is { Version: >= MaxVersions })
            {
                return Result<StoredAnswer>.Conflict(
                    $"Svaret har redan {MaxVersions} versioner, vilket är det högsta antalet. Kontakta avsändaren om något mer behöver ändras.");
            }

            if (attachment is not null && stored is null)
            {
                var (document, error) = await documents.SaveAnswerAttachmentAsync(attachment, ct);
                if (document is null)
                {
                    return Result<StoredAnswer>.Invalid("attachment", error!);
                }

                stored = document;
            }

            var at = receivedAt ?? time.GetUtcNow();
            var answer = new Answer(consulteeId, (last?.Version ?? 0) + 1, draft.Position, draft.Comments, draft.RespondentName, draft.RespondentRole,
                stored?.Id ?? last?.AttachmentId, stored?.FileName ?? last?.AttachmentName, at, at > consultation.Deadline, registeredBy, formKey);
            var consultee = known.Consultee with { LastAnswer = answer, FirstAnsweredAt = known.FirstAnsweredAt ?? answer.ReceivedAt };
            var (inserted, pending) = await store.TryInsertAnswerAsync(consultation.Id, consultee, known.ETag, answer, withReceipt, ct);
            if (inserted)
            {
                return Result<StoredAnswer>.Created(new StoredAnswer(answer, true, pending));
            }
        }

        throw new InvalidOperationException("The answer could not be stored after repeated version conflicts.");
    }

    private static bool Same(Answer last, AnswerDraft draft) =>
        last.Position == draft.Position && last.Comments == draft.Comments && last.RespondentName == draft.RespondentName && last.RespondentRole == draft.RespondentRole;
}
