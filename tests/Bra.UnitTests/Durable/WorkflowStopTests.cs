using Bra.Core.Agreements;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.Durable;
using Bra.UnitTests.Agreements;
using Bra.UnitTests.Cameras;
using Bra.UnitTests.Consultations;

namespace Bra.UnitTests.Durable;

/// <summary>Every workflow records its own failure in its feature's record before it fails, and fails as before.</summary>
public sealed class WorkflowStopTests
{
    private static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Consultation_InvitationsThrow_FailureRecordedThenThrownOn()
    {
        var run = new StoredConsultation { Deadline = Start.AddDays(3) }.Run(Start);
        run.Activity<string, int>(nameof(SendConsultationInvitations), _ => throw new InvalidOperationException("Forced"));
        var recorded = Recorded(run);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(new ConsultationOrchestrator(), new ConsultationWorkflowInput(StoredConsultation.Id)));

        Assert.Equal(new WorkflowStop(nameof(ConsultationOrchestrator), StoredConsultation.Id, WorkflowStopKind.Failed, new DateTimeOffset(Start)), Assert.Single(recorded));
    }

    [Fact]
    public async Task Agreement_PlanReadThrows_FailureRecordedThenThrownOn()
    {
        var run = new StoredAgreement(Start) { Signers = [StoredAgreement.Waiting("s01")] }.Run();
        run.Activity<string, AgreementPlan>(nameof(LoadAgreementPlan), _ => throw new InvalidOperationException("Forced"));
        var recorded = Recorded(run);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id));

        Assert.Equal(new WorkflowStop(nameof(AgreementOrchestrator), StoredAgreement.Id, WorkflowStopKind.Failed, new DateTimeOffset(Start)), Assert.Single(recorded));
    }

    [Fact]
    public async Task CameraRequest_NoticeThrows_FailureRecordedThenThrownOn()
    {
        var run = new StoredCameraRequest().Run(Start);
        run.Activity<CameraRequestNotice, RequestState>(nameof(NotifyCameraDecisionMakers), _ => throw new InvalidOperationException("Forced"));
        var recorded = Recorded(run);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(new CameraRequestOrchestrator(), StoredCameraRequest.Input));

        Assert.Equal(new WorkflowStop(nameof(CameraRequestOrchestrator), StoredCameraRequest.Id, WorkflowStopKind.Failed, new DateTimeOffset(Start)), Assert.Single(recorded));
    }

    [Fact]
    public async Task Consultation_RecordingFailsToo_OriginalFailureThrownOn()
    {
        var run = new StoredConsultation { Deadline = Start.AddDays(3) }.Run(Start);
        run.Activity<string, int>(nameof(SendConsultationInvitations), _ => throw new InvalidOperationException("Forced"));
        run.Activity<WorkflowStop, bool>(nameof(RecordWorkflowStop), _ => throw new Microsoft.DurableTask.TaskFailedException(nameof(RecordWorkflowStop), 1,
            new InvalidOperationException("Storage down")));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(new ConsultationOrchestrator(), new ConsultationWorkflowInput(StoredConsultation.Id)));

        Assert.Equal("Forced", thrown.Message);
    }

    [Fact]
    public async Task Consultation_Completes_NothingRecorded()
    {
        var run = new StoredConsultation { Deadline = Start.AddDays(3) }.Run(Start);
        var recorded = Recorded(run);

        await run.RunAsync(new ConsultationOrchestrator(), new ConsultationWorkflowInput(StoredConsultation.Id));

        Assert.Empty(recorded);
    }

    private static List<WorkflowStop> Recorded(WorkflowRun run)
    {
        var recorded = new List<WorkflowStop>();
        run.Activity<WorkflowStop, bool>(nameof(RecordWorkflowStop), stop =>
        {
            recorded.Add(stop);
            return true;
        });
        return recorded;
    }
}
