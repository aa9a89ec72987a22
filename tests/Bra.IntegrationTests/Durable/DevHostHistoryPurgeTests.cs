using System.Text.Json;
using Bra.Core;
using Bra.Core.Consultations;
using Bra.Core.Durable;
using Bra.IntegrationTests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bra.IntegrationTests.Durable;

/// <summary>
/// The history purge against the engine Durable Functions uses (DurableTask.AzureStorage on Azurite, through the
/// development host's sidecar), with the host's own workflows, stores and status; only the purge's clock is the test's.
/// </summary>
public sealed class DevHostHistoryPurgeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HistoryPurge_CompletedAndTerminated_KeptUntilTheRetentionThenPurgedAndStatusUnchanged()
    {
        await using var host = InProcessDevHost.Start(azurite, "Purge");
        var durable = host.Services.GetRequiredService<DurableTaskClient>();
        var store = host.Services.GetRequiredService<ConsultationStore>();
        var status = host.Services.GetRequiredService<ConsultationStatus>();
        using var timeout = new CancellationTokenSource(Patience);

        // A cancelled consultation: its workflow mails the cancellation (development outbox) and completes. An open one:
        // its workflow invites and waits for its deadline, and is terminated.
        var cancelled = await CreateAsync(store, ConsultationState.Cancelled);
        var open = await CreateAsync(store, ConsultationState.Open);
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), new ConsultationWorkflowInput(cancelled),
            new StartOrchestrationOptions(InstanceId: cancelled), timeout.Token);
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), new ConsultationWorkflowInput(open),
            new StartOrchestrationOptions(InstanceId: open), timeout.Token);
        var completed = await durable.WaitForInstanceCompletionAsync(cancelled, getInputsAndOutputs: false, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        await durable.WaitForInstanceStartAsync(open, timeout.Token);
        await durable.TerminateInstanceAsync(open, cancellation: timeout.Token);
        var terminated = await durable.WaitForInstanceCompletionAsync(open, getInputsAndOutputs: false, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        var before = await ViewAsync(status, durable, cancelled);
        var lastEnded = completed.LastUpdatedAt > terminated.LastUpdatedAt ? completed.LastUpdatedAt : terminated.LastUpdatedAt;

        // A day before the retention (90 days) has passed for either: both kept.
        await Purge(host.Services, completed.LastUpdatedAt.AddDays(89)).RunAsync(durable, timeout.Token);
        Assert.NotNull(await durable.GetInstanceAsync(cancelled, timeout.Token));
        Assert.NotNull(await durable.GetInstanceAsync(open, timeout.Token));

        // The retention has passed for both: both purged, the termination kept in the consultation first.
        await Purge(host.Services, lastEnded.AddDays(90)).RunAsync(durable, timeout.Token);

        Assert.Null(await durable.GetInstanceAsync(cancelled, timeout.Token));
        Assert.Null(await durable.GetInstanceAsync(open, timeout.Token));
        Assert.Equal(before, await ViewAsync(status, durable, cancelled));
        Assert.Equal(WorkflowStopKind.Terminated, (await store.GetAsync(open, default))!.Value.Value.WorkflowStop);
        var view = await status.GetAsync(open, withConsultees: true, default, durable);
        Assert.Equal(ConsultationState.Failed, view!.State);
        Assert.Equal(terminated.LastUpdatedAt, view.WorkflowFailedAt);
    }

    [Fact]
    public async Task HistoryPurgeService_StartDelayPassed_PurgeRunsInTheDevelopmentHost()
    {
        var settings = new Dictionary<string, string>
        {
            ["Workflows__HistoryPurgeStartDelay"] = "00:00:02",
            ["TaskHubName"] = "Purge" + Guid.NewGuid().ToString("N")[..8],
        };
        await using var host = new DevHostProcess(azurite, settings);
        await host.StartAsync();

        await Polling.EventuallyAsync(() => Task.FromResult(host.Output), o => o.Contains("Workflow history purge removed", StringComparison.Ordinal),
            Patience, "the development host's first history purge");
    }

    [Fact]
    public void FunctionsApp_PurgeTimer_ListedWithATimerTrigger()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Repo.FunctionsMetadata));
        var purge = Assert.Single(metadata.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == nameof(WorkflowHistoryPurge));
        Assert.Contains(purge.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "timerTrigger");
    }

    private static async Task<string> CreateAsync(ConsultationStore store, ConsultationState state)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await store.CreateAsync(new Consultation(id, "Remiss", "RENS 2026/2", "doc", "remiss.md", new string('0', 64), now.AddDays(7), null, ["P1D"],
            "owner", "Ägare", "agare@example.se", state, now, CancelledAt: state == ConsultationState.Cancelled ? now : null,
            CancelReason: state == ConsultationState.Cancelled ? "Inställd" : null),
            [new Consultee("c1", "Instans", "instans.rensning@example.org", null, now)], default);
        return id;
    }

    private static WorkflowHistoryPurge Purge(IServiceProvider services, DateTimeOffset now) =>
        new(services.GetRequiredService<WorkflowStops>(), Options.Create(new WorkflowOptions()), new FakeTimeProvider(now), NullLogger<WorkflowHistoryPurge>.Instance);

    private static async Task<string> ViewAsync(ConsultationStatus status, DurableTaskClient durable, string id) =>
        JsonSerializer.Serialize(await status.GetAsync(id, withConsultees: true, default, durable), AppJson.Options);
}
