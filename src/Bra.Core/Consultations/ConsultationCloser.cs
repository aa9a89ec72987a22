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
/// </summary>
public sealed class ConsultationCloser(ConsultationStore store, StorageAccount storage, Mailer mailer, IServiceProvider services,
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
        var html = await RenderHtmlAsync(services, model);
        var sha = await StoreOnceAsync(consultationId, "html", html, ct);
        await StoreOnceAsync(consultationId, "csv", model.ToCsv(), ct);
        await StoreOnceAsync(consultationId, "md", model.ToMarkdown(), ct);
        await store.UpdateAsync(consultationId, c => c.CompilationSha256 is null ? c with { CompilationSha256 = sha, CompiledAt = time.GetUtcNow() } : null, ct);

        var url = app.Value.Link($"api/consultations/{consultationId}/compilation");
        await mailer.SendAsync(ConsultationEmails.Compiled(header, url, model.AnsweredCount, model.Rows.Count,
            new EmailMessageId(consultationId, header.OwnerId, "compiled")), ct);
        return sha;
    }

    public static async Task<string> RenderHtmlAsync(IServiceProvider services, CompilationModel model) =>
        "<!DOCTYPE html>\n" + await PageRenderer.RenderAsync<CompilationPage>(services, new Dictionary<string, object?> { ["Model"] = model });

    /// <summary>The stored compilation in one format (a key of <see cref="Formats"/>), or null when none is stored.</summary>
    public async Task<byte[]?> ReadStoredAsync(string consultationId, string format, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(Container, ct);
        try
        {
            return (await container.GetBlobClient($"{consultationId}.{Formats[format].Extension}").DownloadContentAsync(ct)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Writes the blob unless it exists (never overwritten) and returns the stored content's SHA-256.</summary>
    private async Task<string> StoreOnceAsync(string consultationId, string format, string content, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(Container, ct);
        var (extension, contentType) = Formats[format];
        var blob = container.GetBlobClient($"{consultationId}.{extension}");
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
            bytes = (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
