using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Bra.Core.Storage;

namespace Bra.Core.Email;

/// <summary>One message as the development outbox keeps it.</summary>
public sealed record OutboxMessage(
    string Id, string To, string? ToName, string Subject, string Text, string Html, DateTimeOffset SentAt, IReadOnlyList<OutboxAttachment> Attachments);

public sealed record OutboxAttachment(string FileName, string ContentType, string ContentBase64);

/// <summary>
/// The development email provider: each message becomes a blob in the <c>outbox</c> container, named so that a
/// plain listing returns the newest first. Nothing leaves the machine.
/// </summary>
public sealed class OutboxTransport(StorageAccount storage, TimeProvider time) : IEmailTransport
{
    public const string Container = "outbox";
    private readonly BlobFiles files = new(storage, Container);

    public async Task SendAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        var container = await files.ContainerAsync(cancellationToken);
        var attachments = batch.AttachmentList.Select(a => new OutboxAttachment(a.FileName, a.ContentType, Convert.ToBase64String(a.Content))).ToList();
        foreach (var recipient in batch.Recipients)
        {
            var (subject, html, text) = batch.RenderFor(recipient);
            var now = time.GetUtcNow();
            var message = new OutboxMessage(recipient.Id.ToString(), recipient.Email, recipient.Name, subject, text, html, now, attachments);
            var name = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}.json";
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(message, AppJson.Options), cancellationToken);
        }
    }

    /// <summary>The newest messages first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var container = await files.ContainerAsync(cancellationToken);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            names.Add(blob.Name);
            if (names.Count >= max)
            {
                break;
            }
        }

        var messages = await Task.WhenAll(names.Select(async name =>
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<OutboxMessage>(AppJson.Options)!;
        }));
        return messages;
    }
}
