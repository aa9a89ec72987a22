using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using Bra.Core.Footage;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>An auditor re-verifies an exported log and its anchors with <see cref="OutsideVerifier"/>, written from docs/footage.md alone.</summary>
public sealed class OutsideVerificationTests(FootageHost fixture) : IClassFixture<FootageHost>
{
    [Fact]
    public async Task ExportedLogAndAnchors_VerifiedFromDocumentedFormAlone_AndAnEditedEntryIsCaught()
    {
        var school = await CreateSchoolAsync(fixture.Admin, "Revisionsskolan");
        await GrantAsync(fixture.Admin, school.SiteId, school.PrincipalId);
        using var principal = await fixture.ClientForAsync(school.PrincipalEmail);
        using var stranger = await fixture.ClientForAsync(OtherPrincipal);
        var log = $"api/camera-sites/{school.SiteId}/access-log";
        foreach (var purpose in new[] { "Granska åverkan på \"dörren\" <A> & 'B' + `C` vid entrén", "Se vem som tog cykeln 😀 – ärende \\ 7" })
        {
            using var access = await principal.PostAsJsonAsync(log, Access(school.CameraId, purpose));
            Assert.Equal(HttpStatusCode.Created, access.StatusCode);
        }

        using (await fixture.Dpo.PostAsync($"{log}/anchor", null))
        {
        }

        using (var refused = await stranger.GetAsync(log))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var anchored = await fixture.Dpo.PostAsync($"{log}/anchor", null))
        {
            Assert.Equal(3, (await anchored.JsonAsync()).GetProperty("anchor").GetProperty("sequence").GetInt64());
        }

        var entries = await ExportAsync(log);
        var anchors = await AnchorBlobsAsync(school.SiteId);

        Assert.Equal(3, entries.Count);
        Assert.Equal(2, anchors.Sum(a => a.Content.Count(b => b == (byte)'\n')));
        Assert.Empty(OutsideVerifier.Verify(entries, anchors));

        var edited = JsonNode.Parse(entries[1].GetRawText())!;
        edited["purpose"] = "Se vem som tog cykeln";
        List<JsonElement> changed = [entries[0], JsonSerializer.SerializeToElement(edited), entries[2]];
        Assert.Equal(["entry 2: hash does not match its content"], OutsideVerifier.Verify(changed, anchors));
    }

    /// <summary>Every entry, page by page, as the API exports them.</summary>
    private async Task<List<JsonElement>> ExportAsync(string log)
    {
        var entries = new List<JsonElement>();
        long? from = 1;
        while (from is { } next)
        {
            var page = await fixture.Dpo.GetFromJsonAsync<JsonElement>($"{log}?from={next}&limit=2");
            entries.AddRange(page.GetProperty("entries").EnumerateArray());
            from = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        return entries;
    }

    /// <summary>The site's anchor blobs as an auditor copies them from the container.</summary>
    private async Task<List<(string Blob, byte[] Content)>> AnchorBlobsAsync(string site)
    {
        var container = await fixture.Azurite.Storage().ContainerAsync(FootageStore.AnchorContainer);
        var blobs = new List<(string, byte[])>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = site + "/" }))
        {
            blobs.Add((blob.Name, (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray()));
        }

        return blobs;
    }
}
