using Bra.Core.Agreements;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.Footage;
using Microsoft.DurableTask;

namespace Bra.Core.Durable;

/// <summary>
/// Every orchestrator and activity of the application. The development host registers exactly these; the Functions
/// app has one hand-written trigger per entry (checked by the parity test).
/// </summary>
public static class DurableTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(ConsultationOrchestrator),
        typeof(CameraRequestOrchestrator),
        typeof(AgreementOrchestrator),
        typeof(FootageGrantNoticeOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(LoadConsultationPlan),
        typeof(SendConsultationInvitations),
        typeof(SendConsultationReminders),
        typeof(SendConsultationDeadlineNotice),
        typeof(SendConsultationCancellation),
        typeof(CloseConsultation),
        typeof(LoadCameraRequestPlan),
        typeof(NotifyCameraDecisionMakers),
        typeof(ApplyCameraDecision),
        typeof(NotifyCameraRequester),
        typeof(LoadAgreementPlan),
        typeof(SendAgreementInvitations),
        typeof(SendAgreementReminder),
        typeof(NotifyAgreementDeclined),
        typeof(NotifyAgreementCancelled),
        typeof(NotifyAgreementExpired),
        typeof(NotifyAgreementFailed),
        typeof(ExpireAgreement),
        typeof(CompleteAgreement),
        typeof(SendAgreementCompletion),
        typeof(RecordWorkflowStop),
        typeof(NotifyFootageGrantee),
    ];

    public static void Register(DurableTaskRegistry registry)
    {
        foreach (var type in Orchestrators)
        {
            registry.AddOrchestrator(type);
        }

        foreach (var type in Activities)
        {
            registry.AddActivity(type);
        }
    }
}
