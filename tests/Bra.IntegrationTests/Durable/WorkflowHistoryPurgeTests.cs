using System.Text.Json;
using Bra.Core;
using Bra.Core.Consultations;
using Bra.Core.Durable;
using Bra.Core.Email;
using Bra.IntegrationTests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bra.IntegrationTests.Durable;

/// <summary>
/// The history purge and what survives it: the real consultation orchestrator in the Durable Task engine (in memory), its
/// records in Azurite, the real stop recording; the plan and mail activities are stand-ins so a run can be forced to fail
/// or end at once.
/// </summary>
public sealed class WorkflowHistoryPurgeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ConsultationStore store = new(azurite.Storage());

    [Fact]
    public async Task ConsultationWorkflowFailed_HistoryPurged_StatusStillFailed()
    {
        var id = await CreateAsync(ConsultationState.Open);
        await using var durable = await StartAsync(ConsultationState.Open, invitations: () => throw new EmailPermanentException("Forced failure of the invitations."));

        var failed = await RunAsync(durable, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var stored = (await store.GetAsync(id, default))!.Value.Value;
        Assert.Equal(WorkflowStopKind.Failed, stored.WorkflowStop);
        Assert.Equal(ConsultationState.Open, stored.State);

        Assert.Equal(1, (await durable.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);

        Assert.Null(await durable.Client.GetInstanceAsync(id));
        var view = await Status().GetAsync(id, withConsultees: true, default, durable.Client);
        Assert.Equal(ConsultationState.Failed, view!.State);
        Assert.Equal(stored.WorkflowStoppedAt, view.WorkflowFailedAt);
    }

    [Fact]
    public async Task ConsultationWorkflowTerminated_HistoryPurge_RecordsTheStopThenPurgesAndStatusStillFailed()
    {
        var id = await CreateAsync(ConsultationState.Open);
        await using var durable = await StartAsync(ConsultationState.Open, invitations: () => 1);
        await durable.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), new ConsultationWorkflowInput(id),
            new StartOrchestrationOptions(InstanceId: id));
        await durable.Client.WaitForInstanceStartAsync(id);

        await durable.Client.TerminateInstanceAsync(id);
        var terminated = await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Null((await store.GetAsync(id, default))!.Value.Value.WorkflowStop);

        // The engine may touch the terminated instance once more after reporting it terminated (its last work item
        // settling), so the purge runs a minute past the retention of what was reported.
        var purged = await Purge(terminated.LastUpdatedAt.AddDays(90).AddMinutes(1)).RunAsync(durable.Client);

        Assert.Equal(1, purged);
        Assert.Null(await durable.Client.GetInstanceAsync(id));
        Assert.Equal(WorkflowStopKind.Terminated, (await store.GetAsync(id, default))!.Value.Value.WorkflowStop);
        var view = await Status().GetAsync(id, withConsultees: true, default, durable.Client);
        Assert.Equal(ConsultationState.Failed, view!.State);
        Assert.InRange(view.WorkflowFailedAt!.Value, terminated.LastUpdatedAt, terminated.LastUpdatedAt.AddMinutes(1));
    }

    [Fact]
    public async Task HistoryPurge_OneEndedBeforeTheRetentionOneAfter_OnlyTheOlderPurgedAndStatusUnchanged()
    {
        var older = await CreateAsync(ConsultationState.Cancelled);
        var younger = await CreateAsync(ConsultationState.Cancelled);
        await using var durable = await StartAsync(ConsultationState.Cancelled, invitations: () => 1);
        var olderEnded = await RunAsync(durable, older);
        var youngerEnded = await RunAsync(durable, younger);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, olderEnded.RuntimeStatus);
        Assert.True(youngerEnded.CreatedAt > olderEnded.LastUpdatedAt, "the second workflow started after the first ended");
        var before = await ViewsAsync(durable, older, younger);

        // The clock stands exactly the retention (90 days by default) after the older one ended.
        var purged = await Purge(olderEnded.LastUpdatedAt.AddDays(90)).RunAsync(durable.Client);

        Assert.Equal(1, purged);
        Assert.Null(await durable.Client.GetInstanceAsync(older));
        Assert.NotNull(await durable.Client.GetInstanceAsync(younger));
        Assert.Equal(before, await ViewsAsync(durable, older, younger));
    }

    [Fact]
    public async Task HistoryPurge_RunningWorkflowOlderThanTheRetention_Kept()
    {
        var id = await CreateAsync(ConsultationState.Open);
        await using var durable = await StartAsync(ConsultationState.Open, invitations: () => 1);
        await durable.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), new ConsultationWorkflowInput(id),
            new StartOrchestrationOptions(InstanceId: id));
        var started = await durable.Client.WaitForInstanceStartAsync(id);

        var purged = await Purge(started.CreatedAt.AddDays(365)).RunAsync(durable.Client);

        Assert.Equal(0, purged);
        Assert.NotNull(await durable.Client.GetInstanceAsync(id));
    }

    private async Task<string> CreateAsync(ConsultationState state)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await store.CreateAsync(new Consultation(id, "Remiss", "RENS 2026/1", "doc", "remiss.md", new string('0', 64), now.AddDays(7), null, ["P1D"],
            "owner", "Ägare", "agare@example.se", state, now, CancelledAt: state == ConsultationState.Cancelled ? now : null),
            [new Consultee("c1", "Instans", "instans.rensning@example.org", null, now)], default);
        return id;
    }

    /// <summary>The orchestrator and the real stop recording; the plan (state as given, deadline in a week) and mail are stand-ins.</summary>
    private Task<DurableTaskTestHost> StartAsync(ConsultationState state, Func<int> invitations)
    {
        var plan = new ConsultationPlan(state, DateTime.UtcNow.AddDays(7), []);
        var stops = Stops();
        return DurableTestHost.StartAsync(registry => registry
            .AddOrchestrator<ConsultationOrchestrator>()
            .AddActivityFunc<string, ConsultationPlan>(nameof(LoadConsultationPlan), (Func<TaskActivityContext, string, ConsultationPlan>)((_, _) => plan))
            .AddActivityFunc<string, int>(nameof(SendConsultationInvitations), (Func<TaskActivityContext, string, int>)((_, _) => invitations()))
            .AddActivityFunc<string, int>(nameof(SendConsultationCancellation), (Func<TaskActivityContext, string, int>)((_, _) => 1))
            .AddActivityFunc<WorkflowStop, bool>(nameof(RecordWorkflowStop),
                (Func<TaskActivityContext, WorkflowStop, Task<bool>>)((_, stop) => stops.RecordAsync(stop, CancellationToken.None))));
    }

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost durable, string id)
    {
        await durable.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), new ConsultationWorkflowInput(id),
            new StartOrchestrationOptions(InstanceId: id));
        return await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false);
    }

    private WorkflowStops Stops() => new([new ConsultationWorkflowStops(store)], NullLogger<WorkflowStops>.Instance);

    private ConsultationStatus Status() =>
        new(store, new EmailLedger(azurite.Storage(), TimeProvider.System), new ConsultationWorkflowStops(store), NullLogger<ConsultationStatus>.Instance);

    private WorkflowHistoryPurge Purge(DateTimeOffset now) =>
        new(Stops(), Options.Create(new WorkflowOptions()), new FakeTimeProvider(now), NullLogger<WorkflowHistoryPurge>.Instance);

    /// <summary>What the status API answers for each, as JSON.</summary>
    private async Task<List<string>> ViewsAsync(DurableTaskTestHost durable, params string[] ids)
    {
        var views = new List<string>();
        foreach (var id in ids)
        {
            views.Add(JsonSerializer.Serialize(await Status().GetAsync(id, withConsultees: true, default, durable.Client), AppJson.Options));
        }

        return views;
    }
}
