using Bra.Core.People;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Consultations;

/// <summary>One Azurite, one SendGrid capture and one development host shared by the tests of a class.</summary>
public class ConsultationHost : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> extraSettings;

    public ConsultationHost()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A host with settings of its own on top of the SendGrid ones (for a derived fixture).</summary>
    protected ConsultationHost(IReadOnlyDictionary<string, string> extraSettings) => this.extraSettings = extraSettings;

    public AzuriteFixture Azurite { get; } = new();

    public SendGridCapture Capture { get; private set; } = null!;

    public DevHostProcess Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public string DocumentId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Capture = await SendGridCapture.StartAsync();
        var settings = ConsultationDriver.SendGridSettings(Capture);
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        Host = new DevHostProcess(Azurite, settings);
        await Host.StartAsync();
        Admin = await Host.ClientForAsync(DemoPeople.Coordinator);
        DocumentId = await ConsultationDriver.UploadDocumentAsync(Admin);
    }

    /// <summary>Starts a consultation with fresh addresses and returns its id and each address's link token.</summary>
    public async Task<(string Id, Dictionary<string, string> Links)> OpenAsync(int consultees = 2, TimeSpan? open = null, string[]? reminders = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var emails = Enumerable.Range(1, consultees).Select(i => $"k{i}.{tag}@example.org").ToArray();
        var id = await ConsultationDriver.StartAsync(Admin, DocumentId, emails, DateTimeOffset.UtcNow + (open ?? TimeSpan.FromHours(1)), reminders ?? [], caseNumber: tag);
        var links = await ConsultationDriver.WaitForLinksAsync(Capture, $"Remiss {tag}", consultees, TimeSpan.FromSeconds(30));
        return (id, links);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        try
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }

            if (Capture is not null)
            {
                await Capture.DisposeAsync();
            }
        }
        finally
        {
            await Azurite.DisposeAsync();
        }
    }
}
