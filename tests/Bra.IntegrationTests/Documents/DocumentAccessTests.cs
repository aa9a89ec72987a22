using System.Net;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.Documents;
using Bra.Core.People;
using Bra.IntegrationTests.Cameras;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Documents;

/// <summary>
/// Downloads are checked per document on the development host with demo data: administrators and the data protection
/// officer read everything; a principal reads the assessments of camera sites of the school they head, nothing else.
/// </summary>
public sealed class DocumentAccessTests(DocumentAccessTests.HostFixture fixture) : IClassFixture<DocumentAccessTests.HostFixture>
{
    [Fact]
    public async Task GetDocument_ConsulteeAttachment_Principal403AdministratorAndDpo200()
    {
        var attachment = await fixture.StoreAttachmentAsync();

        using var principal = await fixture.Host.ClientForAsync(DemoPeople.Principal);
        using var refused = await principal.GetAsync($"api/documents/{attachment}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        foreach (var reader in new[] { DemoPeople.Coordinator, DemoPeople.DataProtectionOfficer })
        {
            using var client = await fixture.Host.ClientForAsync(reader);
            using var response = await client.GetAsync($"api/documents/{attachment}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("%PDF-", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task GetDocument_ConsultationDocument_Principal403()
    {
        using var principal = await fixture.Host.ClientForAsync(DemoPeople.Principal);
        using var response = await principal.GetAsync($"api/documents/{DemoConsultation.DocumentId}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoPeople.Principal, HttpStatusCode.OK)]
    [InlineData(DemoPeople.HeadOfEducation, HttpStatusCode.OK)]
    [InlineData(DemoPeople.OtherPrincipal, HttpStatusCode.Forbidden)]
    [InlineData(DemoPeople.PoliceContact, HttpStatusCode.Forbidden)]
    public async Task GetDocument_AssessmentOfSchoolCameraSite_OnlyItsPrincipalAndTheirManager(string email, HttpStatusCode expected)
    {
        using var client = await fixture.Host.ClientForAsync(email);
        foreach (var id in new[] { DemoCameraDocuments.DomarhagsskolanAssessmentId, DemoCameraDocuments.DomarhagsskolanImpactAssessmentId })
        {
            using var response = await client.GetAsync($"api/documents/{id}");
            Assert.Equal(expected, response.StatusCode);
        }

        using var publicPlace = await client.GetAsync($"api/documents/{DemoCameraDocuments.AvestaCentrumAssessmentId}");
        Assert.Equal(HttpStatusCode.Forbidden, publicPlace.StatusCode);
    }

    /// <summary>The development host with demo data over its own Azurite.</summary>
    public sealed class HostFixture : IAsyncLifetime
    {
        private readonly AzuriteFixture azurite = new();

        public DevHostProcess Host { get; private set; } = null!;

        /// <summary>Stores a PDF as an answer attachment is stored: through the document store, with no uploader (a link holder).</summary>
        public async Task<string> StoreAttachmentAsync()
        {
            var store = new DocumentStore(azurite.Storage(), TimeProvider.System);
            var (document, error) = await store.SaveAsync("yttrande-bilaga.pdf", "%PDF-1.4\n% bilaga\n"u8.ToArray(), DocumentKinds.AnswerAttachments,
                10 * 1024 * 1024, uploadedBy: null, CancellationToken.None);
            Assert.True(document is not null, error);
            return document.Id;
        }

        public async Task InitializeAsync()
        {
            await azurite.InitializeAsync();
            Host = new DevHostProcess(azurite);
            await Host.StartAsync();
            using var admin = await Host.ClientForAsync(DemoPeople.Coordinator);
            await CameraTestData.WaitForDemoAsync(admin);
            await Polling.EventuallyAsync(async () =>
            {
                using var response = await admin.GetAsync($"api/documents/{DemoConsultation.DocumentId}");
                return response.StatusCode;
            }, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the demo consultation document");
        }

        public async Task DisposeAsync()
        {
            try
            {
                if (Host is not null)
                {
                    await Host.DisposeAsync();
                }
            }
            finally
            {
                await azurite.DisposeAsync();
            }
        }
    }
}
