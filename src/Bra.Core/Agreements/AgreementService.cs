using Bra.Core.Validation;
using System.Security.Cryptography;
using Bra.Core.Documents;
using Bra.Core.Email;
using Bra.Core.Links;
using Bra.Core.People;
using FluentValidation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bra.Core.Agreements;

/// <summary>
/// Starting, cancelling, replacing signers, expiring and verifying. Stores first, then tells the workflow; a signal that
/// is lost only delays the workflow until its next timer, because the workflow reads storage every turn.
/// </summary>
public sealed class AgreementService(
    AgreementStore store, DocumentStore documents, LinkStore links, IOptions<AgreementOptions> options, TimeProvider time,
    IValidator<CreateAgreementInput> createValidator, IValidator<CancelAgreementInput> cancelValidator, IValidator<ReplaceSignerInput> replaceValidator,
    ILogger<AgreementService> logger)
{
    /// <summary>The API's and the pages' answer for an agreement (or a signer of one) that does not exist.</summary>
    public const string NotFoundMessage = "Överenskommelsen finns inte.";

    /// <summary>
    /// The field errors of a new agreement (field names as in the JSON, signers by index: <c>signers[2].email</c>), the
    /// document looked up; empty when it can be sent. The staff page's preview uses it without sending.
    /// </summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(CreateAgreementInput input, CancellationToken ct) =>
        (await CheckDocumentAsync(input, ct)).Errors;

    /// <summary>
    /// Validates, stores and starts a new agreement. <paramref name="sendKey"/> (the staff form's, 32 hex digits) makes a
    /// repeated send of the same form (a double click, a resent POST) answer with the agreement the first one created
    /// instead of sending a second.
    /// </summary>
    public async Task<Result<Agreement>> StartAsync(CreateAgreementInput input, Person owner, DurableTaskClient durable, CancellationToken ct,
        string? sendKey = null)
    {
        var (document, errors) = await CheckDocumentAsync(input, ct);
        if (errors.Count > 0)
        {
            return Result<Agreement>.Invalid(errors);
        }

        var id = Guid.NewGuid().ToString("N");
        if (sendKey is not null && await store.ClaimSendKeyAsync(sendKey, id, ct) is { } earlier && earlier != id)
        {
            return await store.GetAsync(earlier, ct) is { } sent
                ? Result<Agreement>.Created(sent.Agreement)
                : Result<Agreement>.Conflict("Överenskommelsen håller redan på att skickas från det här formuläret. Se listan över överenskommelser om en stund.");
        }

        var now = time.GetUtcNow();
        // The hash recorded at sending is computed from the stored bytes now, not taken from the upload record.
        var sha = await HashAsync(document!.Id, ct);
        var agreement = new Agreement(id, input.Title!.Trim(), TextInput.Optional(input.CaseNumber), document.Id, document.FileName,
            document.ContentType, document.Size, sha, input.Order == "sequential" ? SigningOrder.Sequential : SigningOrder.Parallel,
            AgreementRules.ParseExpiry(input.ExpiresAt) ?? now + options.Value.DefaultExpiry, TextInput.Optional(input.Message),
            (input.Cc ?? []).Select(c => c!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), owner.Id, owner.Name, owner.Email, now);
        var signers = input.Signers!.Select((s, i) => new Signer($"s{i + 1:D2}", i + 1, s!.Name!.Trim(), s.Email!.Trim(), s.Organisation!.Trim(), TextInput.Optional(s.Title))).ToList();
        await store.CreateAsync(agreement, signers, CancellationToken.None);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(AgreementOrchestrator), agreement.Id,
                new StartOrchestrationOptions(InstanceId: agreement.Id), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Agreement {AgreementId} could not be started", agreement.Id);
            await store.UpdateAsync(agreement.Id, a => a with { State = AgreementState.Cancelled, EndedAt = now, EndReason = "Kunde inte startas (tekniskt fel)." },
                CancellationToken.None);
            throw;
        }

        logger.LogInformation("Agreement {AgreementId} sent to {Count} signers", agreement.Id, signers.Count);
        return Result<Agreement>.Created(agreement);
    }

    private async Task<(StoredDocument? Document, Dictionary<string, string[]> Errors)> CheckDocumentAsync(CreateAgreementInput input, CancellationToken ct)
    {
        var errors = AgreementRules.Errors(await createValidator.ValidateAsync(input, ct));
        StoredDocument? document = null;
        if (!errors.ContainsKey("documentId") && (document = await documents.GetAsync(input.DocumentId!.Trim(), ct)) is null)
        {
            errors["documentId"] = ["Dokumentet finns inte. Ladda upp det med POST /api/documents och använd id:t i svaret."];
        }

        return (document, errors);
    }

    public async Task<Result<Agreement>> CancelAsync(string id, CancelAgreementInput input, DurableTaskClient durable, CancellationToken ct)
    {
        var errors = AgreementRules.Errors(await cancelValidator.ValidateAsync(input, ct));
        if (errors.Count > 0)
        {
            return Result<Agreement>.Invalid(errors);
        }

        if (await store.LoadAsync(id, ct) is not { } data)
        {
            return Result<Agreement>.NotFound(NotFoundMessage);
        }

        if (!data.Agreement.IsOpen || data.AllSigned)
        {
            return Result<Agreement>.Conflict($"Överenskommelsen kan inte återkallas: den är {Swedish(data.State)}.");
        }

        var now = time.GetUtcNow();
        var stored = await store.UpdateAsync(id, a => a.IsOpen ? a with { State = AgreementState.Cancelled, EndedAt = now, EndReason = input.Reason!.Trim() } : null, ct);
        if (stored is not { State: AgreementState.Cancelled } || stored.EndedAt != now)
        {
            return Result<Agreement>.Conflict($"Överenskommelsen kan inte återkallas: den är {Swedish(stored?.State ?? data.State)}.");
        }

        await store.AddEventAsync(id, AgreementEventKind.Cancelled, null, null, CancellationToken.None);
        await SignalAsync(durable, id, AgreementSignalKind.Cancelled);
        return Result<Agreement>.Ok(stored);
    }

    /// <summary>Puts a new person in a signer's place before that signer acted: the old link dies (new generation), the new person is invited.</summary>
    public async Task<Result<Signer>> ReplaceAsync(string id, string signerId, ReplaceSignerInput input, DurableTaskClient durable, CancellationToken ct)
    {
        var errors = AgreementRules.Errors(await replaceValidator.ValidateAsync(input, ct));
        if (await store.LoadAsync(id, ct) is not { } data || data.Signers.FirstOrDefault(s => s.Id == signerId) is not { } signer)
        {
            return Result<Signer>.NotFound(NotFoundMessage);
        }

        if (errors.Count == 0 && data.Signers.Any(s => s.Id != signerId && EmailAddress.Normalize(s.Email) == EmailAddress.Normalize(input.Email!)))
        {
            errors["email"] = ["Den adressen tillhör redan en annan undertecknare."];
        }

        if (errors.Count > 0)
        {
            return Result<Signer>.Invalid(errors);
        }

        if (!data.Agreement.IsOpen || signer.HasActed)
        {
            return Result<Signer>.Conflict(signer.HasActed
                ? "Undertecknaren har redan undertecknat eller avböjt och kan inte ersättas."
                : $"Undertecknaren kan inte ersättas: överenskommelsen är {Swedish(data.State)}.");
        }

        var now = time.GetUtcNow();
        var replaced = await store.UpdateSignerAsync(id, signerId, s => s.HasActed || s.Generation != signer.Generation ? null : s with
        {
            Name = input.Name!.Trim(), Email = input.Email!.Trim(), Organisation = TextInput.Optional(input.Organisation) ?? s.Organisation, Title = TextInput.Optional(input.Title),
            Generation = s.Generation + 1, State = SignerState.Waiting, InvitedAt = null, Reminders = 0, RemindedAt = null, ViewedAt = null,
            Replaced = [.. s.Replaced ?? [], new ReplacedSigner(s.Name, s.Email, now)],
        }, ct);
        if (replaced is null || replaced.Generation == signer.Generation)
        {
            return Result<Signer>.Conflict("Undertecknaren hann agera eller ändras samtidigt. Läs överenskommelsen igen.");
        }

        await links.RevokeAsync(AgreementMailing.LinkKind, id, signer.PartyId, LinkRevocation.Replaced, null, CancellationToken.None);
        await store.AddEventAsync(id, AgreementEventKind.Replaced, signerId, null, CancellationToken.None);
        await SignalAsync(durable, id, AgreementSignalKind.SignerReplaced);
        return Result<Signer>.Ok(replaced);
    }

    public async Task<AgreementState> ExpireAsync(string id, CancellationToken ct)
    {
        if (await store.LoadAsync(id, ct) is not { } data)
        {
            throw new InvalidOperationException($"Agreement {id} does not exist.");
        }

        if (!data.Agreement.IsOpen || data.AllSigned)
        {
            return data.State;
        }

        var stored = await store.UpdateAsync(id, a => a.IsOpen ? a with { State = AgreementState.Expired, EndedAt = a.ExpiresAt } : null, ct);
        if (stored?.State == AgreementState.Expired)
        {
            await links.RevokeAsync(AgreementMailing.LinkKind, id, null, LinkRevocation.Cancelled, null, ct);
            if (!data.Events.Any(e => e.Kind == AgreementEventKind.Expired))
            {
                await store.AddEventAsync(id, AgreementEventKind.Expired, null, null, ct);
            }
        }

        return stored?.State ?? data.State;
    }

    /// <summary>Whether a file (by SHA-256) is the document of a completed agreement, and who signed it when.</summary>
    public async Task<VerifyResult> VerifyAsync(byte[] content, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var matches = new List<VerifiedAgreement>();
        foreach (var agreement in (await store.ListAsync(ct)).Where(a => a.State == AgreementState.Completed && (a.DocumentSha256 == sha || a.CertificateSha256 == sha)))
        {
            var data = await store.LoadAsync(agreement.Id, ct);
            matches.Add(new VerifiedAgreement(agreement.Id, agreement.Title, agreement.CaseNumber, agreement.EndedAt,
                data!.Signers.Select(s => new VerifiedSigner(s.Name, s.Organisation, s.Signature!.TypedName, s.Signature.At)).ToList()));
        }

        return new VerifyResult(sha, matches.Count > 0, matches);
    }

    public async Task<string> HashAsync(string documentId, CancellationToken ct)
    {
        await using var stream = await documents.OpenReadAsync(documentId, ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    public static string Swedish(AgreementState state) => state switch
    {
        AgreementState.Sent => "skickad",
        AgreementState.PartlySigned => "delvis undertecknad",
        AgreementState.Completed => "undertecknad av alla",
        AgreementState.Declined => "avböjd",
        AgreementState.Expired => "utgången",
        AgreementState.Cancelled => "återkallad",
        _ => "stoppad av ett fel",
    };

    public async Task SignalAsync(DurableTaskClient durable, string id, AgreementSignalKind kind)
    {
        try
        {
            await durable.RaiseEventAsync(id, AgreementOrchestrator.SignalEvent, new AgreementSignal(kind), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stored already; the workflow reads storage at its next timer.
            logger.LogWarning(ex, "Signal {Signal} to agreement {AgreementId} failed", kind, id);
        }
    }
}
