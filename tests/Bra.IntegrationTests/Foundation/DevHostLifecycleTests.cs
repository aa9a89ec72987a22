using System.Net;
using System.Text.Json;
using Bra.Core.People;
using Bra.DevHost.Durable;
using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.IntegrationTests.Foundation;

public sealed class DevHostLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Stop_SigTerm_ExitsWithinFiveSeconds()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();

        var elapsed = await host.StopAsync();

        Assert.True(host.HasExited);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"Stopping took {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Stop_InProcessWhileItsWorkflowsRun_StorageEngineStoppedWithTheHost()
    {
        // In process, as some tests start it: the demo data starts workflows, so the engine has work out when the host
        // stops. An engine left running would poll this class's Azurite after the test, and a stopped Azurite after that.
        var host = InProcessDevHost.Start(azurite, "Stop");
        var sidecar = host.Services.GetRequiredService<DurableSidecar>();
        await Polling.EventuallyAsync(() => Task.FromResult(sidecar.EngineRunning), running => running, TimeSpan.FromSeconds(30), "the engine to start");

        await host.DisposeAsync();

        Assert.False(sidecar.EngineRunning);
    }

    [Fact]
    public async Task Start_PortZero_PrintsBoundAddressAndEmailLinksUseIt()
    {
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = new DevHostProcess(azurite, ConsultationDriver.SendGridSettings(capture));
        await host.StartAsync();

        Assert.NotEqual(0, host.Port);
        Assert.Contains($"{DevHostProcess.ListeningLinePrefix}http://127.0.0.1:{host.Port}", host.Output);
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);
        var id = await ConsultationDriver.StartAsync(admin, await ConsultationDriver.UploadDocumentAsync(admin), ["port@example.org"], DateTimeOffset.UtcNow.AddHours(2), []);
        await ConsultationDriver.WaitForLinksAsync(capture, "Remiss", 1, TimeSpan.FromSeconds(30), workflowId: id);
        var invitation = Assert.Single(capture.AcceptedMessages, m => m.MessageId.StartsWith(id, StringComparison.Ordinal) && m.To == "port@example.org");
        Assert.Contains($"{host.BaseAddress}respond/", invitation.Text);
        Assert.DoesNotContain("127.0.0.1:0/", invitation.Text);
    }

    [Fact]
    public async Task DemoData_SecondStart_SameRecordsNoDuplicates()
    {
        var settings = new Dictionary<string, string> { ["TaskHubName"] = "Demo" + Guid.NewGuid().ToString("N")[..8] };
        string first;
        await using (var host = new DevHostProcess(azurite, settings))
        {
            await host.StartAsync();
            first = await PeopleJsonAsync(host);
            await host.StopAsync();
        }

        await using (var again = new DevHostProcess(azurite, settings))
        {
            await again.StartAsync();
            var second = await PeopleJsonAsync(again);
            Assert.Equal(first, second);
        }

        using var people = JsonDocument.Parse(first);
        var emails = people.RootElement.EnumerateArray().Select(p => p.GetProperty("email").GetString()).ToList();
        foreach (var expected in new[]
                 {
                     DemoPeople.Coordinator, DemoPeople.Principal, DemoPeople.HeadOfEducation, DemoPeople.OtherPrincipal,
                     DemoPeople.DataProtectionOfficer, DemoPeople.PoliceContact, DemoPeople.StoreManager,
                 })
        {
            Assert.Single(emails, e => e == expected);
        }
    }

    [Fact]
    public async Task Me_Principal_ShowsUnitHeadedAndManager()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();
        using var principal = await host.ClientForAsync(DemoPeople.Principal);
        using var manager = await host.ClientForAsync(DemoPeople.HeadOfEducation);

        using var me = JsonDocument.Parse(await principal.GetStringAsync("api/me"));
        Assert.Equal(DemoPeople.DomarhagsskolanUnitId, me.RootElement.GetProperty("unitsHeaded")[0].GetProperty("id").GetString());
        Assert.Equal("school", me.RootElement.GetProperty("unitsHeaded")[0].GetProperty("kind").GetString());
        // The token of a principal without register roles carries only the base app role.
        Assert.Equal(["Staff"], me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using var boss = JsonDocument.Parse(await manager.GetStringAsync("api/me"));
        var reports = boss.RootElement.GetProperty("manages").EnumerateArray().Select(p => p.GetProperty("email").GetString()).ToList();
        Assert.Contains(DemoPeople.Principal, reports);
        Assert.Contains(DemoPeople.OtherPrincipal, reports);

        using var forbidden = await principal.GetAsync("api/people");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static async Task<string> PeopleJsonAsync(DevHostProcess host)
    {
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);
        using var people = JsonDocument.Parse(await admin.GetStringAsync("api/people"));
        return JsonSerializer.Serialize(people.RootElement.EnumerateArray().OrderBy(p => p.GetProperty("id").GetString()));
    }
}
