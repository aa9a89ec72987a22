using System.Security.Cryptography;
using System.Text;
using Azure;
using Bra.Core.Email;
using Bra.Core.Pages;
using Bra.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bra.Core.Consultations;

/// <summary>
/// Closes a consultation (at the deadline or early): marks it closed, stores the compilation (HTML, CSV, Markdown) in
/// blob storage, each blob with its SHA-256 in its metadata and the HTML's also in the record, and mails the owner a
/// link to it. Every step is idempotent. From then on the compilation is served from these blobs, byte for byte.
/// An answer an administrator registers after closing makes a new revision (new blobs, never overwritten), so the
/// stored compilation always holds every answer and still matches its recorded hash.
/// </summary>
public sealed class ConsultationCloser(ConsultationStore store, StorageAccount storage, Mailer mailer, EmailLedger ledger, IServiceProvider services,
    IOptions<AppOptions> app, TimeProvider time)
{
    public const string Container = "compilations";
    public const string Sha256Metadata = "sha256";

    /// <summary>The stored formats by the <c>format</c> query value: blob extension and content type.</summary>
    public static readonly IReadOnlyDictionary<string, (string Extension, string ContentType)> Formats =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["html"] = ("html", "text/html; charset=utf-8"),
            ["csv"] = ("csv", "text/csv; charset=utf-8"),
            ["md"] = ("md", "text/markdown; charset=utf-8"),
        };

    public async Task<string?> CloseAsync(string consultationId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var header = await store.UpdateAsync(consultationId, c => c.State == ConsultationState.Open
            ? c with { State = ConsultationState.Closed, ClosedAt = now }
            : null, ct);
        if (header is null || header.State != ConsultationState.Closed)
        {
            return null;
        }

        var data = (await store.LoadAsync(consultationId, ct))!;
        var model = CompilationModel.From(data, header.ClosedAt ?? now, previewNote: null, linkBase: app.Value.PublicBaseUrl);
        var (sha, created) = await StoreAsync(consultationId, 1, model, ct);

        // Blobs left by an earlier attempt may hold fewer answers than read now: their count is unknown, so the check below renews them.
        await store.UpdateAsync(consultationId, c => c.CompilationSha256 is null
            ? c with { CompilationSha256 = sha, CompiledAt = time.GetUtcNow(), CompilationRevision = 1, CompiledAnswers = created ? data.Answers.Count : null }
            : null, ct);

        // An answer registered while this ran is in a new revision: either it is stored now, or its registration sees the header above.
        await RecompileAsync(consultationId, ct);

        // The owner opens it in a browser: on the staff pages, where the browser's sign-in counts (not on /api).
        var url = app.Value.Link($"staff/consultations/{consultationId}/compilation");
        var consultees = data.Consultees.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var undelivered = (await ledger.UndeliveredAsync(consultationId, ct))
            .Where(u => consultees.ContainsKey(u.Party)).GroupBy(u => u.Party, StringComparer.Ordinal)
            .Select(g => (consultees[g.Key], g.Any(u => u.Outcome == EmailOutcome.Failed) ? EmailOutcome.Failed : EmailOutcome.Unknown)).ToList();
        await mailer.SendAsync(ConsultationEmails.Compiled(header, url, model.AnsweredCount, model.Rows.Count,
            new EmailMessageId(consultationId, header.OwnerId, "compiled"), undelivered), ct);
        return sha;
    }

    public static async Task<string> RenderHtmlAsync(IServiceProvider services, CompilationModel model) =>
        "<!DOCTYPE html>\n" + await PageRenderer.RenderAsync<CompilationPage>(services, new Dictionary<string, object?> { [nameof(CompilationPage.Model)] = model });

    /// <summary>
    /// Stores a new revision of a closed consultation's compilation when answers were registered since the stored one
    /// was made (nothing otherwise, and nothing before the first is stored). Concurrent calls each end with a stored
    /// revision that holds every answer they saw.
    /// </summary>
    public async Task RecompileAsync(string consultationId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await store.GetAsync(consultationId, ct) is not { } header || header.Value.CompilationSha256 is null)
            {
                return;
            }

            var data = (await store.LoadAsync(consultationId, ct))!;
            if (data.Answers.Count == header.Value.CompiledAnswers)
            {
                return;
            }

            var now = time.GetUtcNow();
            var revision = (header.Value.CompilationRevision ?? 1) + 1 + attempt;
            var (sha, created) = await StoreAsync(consultationId, revision, CompilationModel.From(data, now, previewNote: null, linkBase: app.Value.PublicBaseUrl), ct);
            if (created && await store.TryUpdateAsync(header.Value with
                {
                    CompilationSha256 = sha, CompiledAt = now, CompilationRevision = revision, CompiledAnswers = data.Answers.Count,
                }, header.ETag, ct))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Consultation {consultationId} kept changing; its compilation was not renewed.");
    }

    /// <summary>The stored compilation in one format (a key of <see cref="Formats"/>), or null when none is stored.</summary>
    public async Task<byte[]?> ReadStoredAsync(Consultation consultation, string format, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(Container, ct);
        try
        {
            return (await container.GetBlobClient(BlobName(consultation.Id, consultation.CompilationRevision ?? 1, format)).DownloadContentAsync(ct)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Revision 1 is <c>{id}.html</c> (as stored before revisions existed), later ones <c>{id}.r{n}.html</c>.</summary>
    public static string BlobName(string consultationId, int revision, string format) =>
        revision <= 1 ? $"{consultationId}.{Formats[format].Extension}" : $"{consultationId}.r{revision}.{Formats[format].Extension}";

    /// <summary>Stores the three formats of one revision; the HTML's SHA-256, and whether this call wrote them (false: they existed).</summary>
    private async Task<(string Sha256, bool Created)> StoreAsync(string consultationId, int revision, CompilationModel model, CancellationToken ct)
    {
        var html = await StoreOnceAsync(BlobName(consultationId, revision, "html"), await RenderHtmlAsync(services, model), "html", ct);
        var csv = await StoreOnceAsync(BlobName(consultationId, revision, "csv"), model.ToCsv(), "csv", ct);
        var md = await StoreOnceAsync(BlobName(consultationId, revision, "md"), model.ToMarkdown(), "md", ct);
        return (html.Sha256, html.Created && csv.Created && md.Created);
    }

    /// <summary>Writes the blob unless it exists (never overwritten) and returns the stored content's SHA-256.</summary>
    private async Task<(string Sha256, bool Created)> StoreOnceAsync(string name, string content, string format, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(Container, ct);
        var contentType = Formats[format].ContentType;
        var blob = container.GetBlobClient(name);
        var bytes = Encoding.UTF8.GetBytes(content);
        try
        {
            await blob.UploadAsync(new BinaryData(bytes), new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { [Sha256Metadata] = Convert.ToHexStringLower(SHA256.HashData(bytes)) },
            }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (Convert.ToHexStringLower(SHA256.HashData((await blob.DownloadContentAsync(ct)).Value.Content.ToArray())), false);
        }

        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), true);
    }
}
