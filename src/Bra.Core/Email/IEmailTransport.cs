namespace Bra.Core.Email;

/// <summary>Hands messages to a provider: SendGrid in Azure, the blob-storage outbox in the development host.</summary>
public interface IEmailTransport
{
    /// <summary>Sends one batch of at most <see cref="Mailer.MaxRecipientsPerRequest"/> recipients as one request.</summary>
    Task SendAsync(EmailBatch batch, CancellationToken cancellationToken);
}
