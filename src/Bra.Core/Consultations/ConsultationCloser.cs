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
/// blob storage with the HTML's SHA-256, and mails the owner a link to it. Every step is idempotent.
/// </summary>
public sealed class ConsultationCloser(ConsultationStore store, StorageAccount storage, Mailer mailer, EmailLedger ledger, IServiceProvider services,
    IOptions<AppOptions> app, TimeProvider time)
{
    public const string Container = "compilations";

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
        var model = CompilationModel.From(data, header.ClosedAt ?? now);
        var html = await RenderHtmlAsync(services, model);
        var sha = await StoreOnceAsync($"{consultationId}.html", html, "text/html; charset=utf-8", ct);
        await StoreOnceAsync($"{consultationId}.csv", model.ToCsv(), "text/csv; charset=utf-8", ct);
        await StoreOnceAsync($"{consultationId}.md", model.ToMarkdown(), "text/markdown; charset=utf-8", ct);
        await store.UpdateAsync(consultationId, c => c.CompilationSha256 is null ? c with { CompilationSha256 = sha, CompiledAt = time.GetUtcNow() } : null, ct);

        var url = app.Value.Link($"api/consultations/{consultationId}/compilation");
        var consultees = data.Consultees.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var undelivered = (await ledger.UndeliveredAsync(consultationId, ct))
            .Where(u => consultees.ContainsKey(u.Party)).GroupBy(u => u.Party, StringComparer.Ordinal)
            .Select(g => (consultees[g.Key], g.Any(u => u.Outcome == EmailOutcome.Failed) ? EmailOutcome.Failed : EmailOutcome.Unknown)).ToList();
        await mailer.SendAsync(ConsultationEmails.Compiled(header, url, model.AnsweredCount, model.Rows.Count,
            new EmailMessageId(consultationId, header.OwnerId, "compiled"), undelivered), ct);
        return sha;
    }

    public static async Task<string> RenderHtmlAsync(IServiceProvider services, CompilationModel model) =>
        "<!DOCTYPE html>\n" + await PageRenderer.RenderAsync<CompilationPage>(services, new Dictionary<string, object?> { ["Model"] = model });

    /// <summary>Writes the blob unless it exists (never overwritten) and returns the stored content's SHA-256.</summary>
    private async Task<string> StoreOnceAsync(string name, string content, string contentType, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(Container, ct);
        var blob = container.GetBlobClient(name);
        var bytes = Encoding.UTF8.GetBytes(content);
        try
        {
            await blob.UploadAsync(new BinaryData(bytes), new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = contentType },
            }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            bytes = (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
