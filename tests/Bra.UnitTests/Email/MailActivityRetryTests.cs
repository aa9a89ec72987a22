using Bra.Core.Consultations;
using Bra.Core.Email;
using Microsoft.DurableTask;

namespace Bra.UnitTests.Email;

/// <summary>The retry policy of the mail activities (consultation and camera workflows).</summary>
public sealed class MailActivityRetryTests
{
    private static RetryPolicy Policy => MailActivityRetry.Options.Retry!.Policy!;

    /// <summary>An activity failure as the engine hands it to the retry policy.</summary>
    private static DurableTask.Core.Exceptions.TaskFailedException Failed(Exception activityError) =>
        new(0, 1, nameof(SendConsultationInvitations), "", activityError.Message, activityError) { FailureDetails = new DurableTask.Core.FailureDetails(activityError) };

    [Fact]
    public void Options_PermanentEmailFailure_NotRetried() =>
        Assert.False(Policy.Handle(Failed(new EmailPermanentException("SendGrid refused the message (400)"))));

    [Fact]
    public void Options_TransientEmailFailure_Retried() =>
        Assert.True(Policy.Handle(Failed(new EmailTransientException("SendGrid refused the API key (401)"))));

    [Fact]
    public void Options_AllRetries_SpanMoreThanHalfADay()
    {
        // A missing Key Vault secret or a SendGrid outage keeps mail waiting long enough for an operator to act.
        var total = TimeSpan.Zero;
        for (var attempt = 1; attempt < Policy.MaxNumberOfAttempts; attempt++)
        {
            var delay = TimeSpan.FromTicks((long)(Policy.FirstRetryInterval.Ticks * Math.Pow(Policy.BackoffCoefficient, attempt - 1)));
            total += delay < Policy.MaxRetryInterval ? delay : Policy.MaxRetryInterval;
        }

        Assert.True(total > TimeSpan.FromHours(12), $"retries span only {total}");
    }
}
