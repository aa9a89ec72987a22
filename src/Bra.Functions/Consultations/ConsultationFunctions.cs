using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Consultations;

public sealed class ConsultationFunctions(AppRoutes routes)
{
    [Function(nameof(StartConsultation))]
    public Task<IResult> StartConsultation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consultations")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(StartConsultation), req, client);

    [Function(nameof(ListConsultations))]
    public Task<IResult> ListConsultations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/consultations")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListConsultations), req, client);

    [Function(nameof(GetConsultation))]
    public Task<IResult> GetConsultation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/consultations/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetConsultation), req, client);

    [Function(nameof(AddConsultees))]
    public Task<IResult> AddConsultees([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consultations/{id}/consultees")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AddConsultees), req, client);

    [Function(nameof(MoveConsultationDeadline))]
    public Task<IResult> MoveConsultationDeadline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consultations/{id}/deadline")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(MoveConsultationDeadline), req, client);

    [Function(nameof(CloseConsultationEarly))]
    public Task<IResult> CloseConsultationEarly([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consultations/{id}/close")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CloseConsultationEarly), req, client);

    [Function(nameof(CancelConsultation))]
    public Task<IResult> CancelConsultation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consultations/{id}/cancel")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CancelConsultation), req, client);

    [Function(nameof(RegisterConsultationResponse))]
    public Task<IResult> RegisterConsultationResponse([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consultations/{id}/responses")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RegisterConsultationResponse), req, client);

    [Function(nameof(GetConsultationCompilation))]
    public Task<IResult> GetConsultationCompilation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/consultations/{id}/compilation")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetConsultationCompilation), req, client);

    [Function(nameof(GetConsultationAttachment))]
    public Task<IResult> GetConsultationAttachment([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/consultations/{id}/attachments/{documentId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetConsultationAttachment), req, client);

    [Function(nameof(ConsultationCompilationDownload))]
    public Task<IResult> ConsultationCompilationDownload([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/consultations/{id}/compilation")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ConsultationCompilationDownload), req, client);

    [Function(nameof(ConsultationsPage))]
    public Task<IResult> ConsultationsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/consultations")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ConsultationsPage), req, client);

    [Function(nameof(ConsultationPage))]
    public Task<IResult> ConsultationPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/consultations/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ConsultationPage), req, client);

    [Function(nameof(CloseConsultationForm))]
    public Task<IResult> CloseConsultationForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/consultations/{id}/close")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CloseConsultationForm), req, client);

    [Function(nameof(AddConsulteesForm))]
    public Task<IResult> AddConsulteesForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/consultations/{id}/consultees")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AddConsulteesForm), req, client);

    [Function(nameof(MoveConsultationDeadlineForm))]
    public Task<IResult> MoveConsultationDeadlineForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/consultations/{id}/deadline")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(MoveConsultationDeadlineForm), req, client);

    [Function(nameof(CancelConsultationForm))]
    public Task<IResult> CancelConsultationForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/consultations/{id}/cancel")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CancelConsultationForm), req, client);

    [Function(nameof(RegisterConsultationResponseForm))]
    public Task<IResult> RegisterConsultationResponseForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/consultations/{id}/responses")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RegisterConsultationResponseForm), req, client);

    [Function(nameof(ConsultationDocumentDownload))]
    public Task<IResult> ConsultationDocumentDownload([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/consultations/{id}/document")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ConsultationDocumentDownload), req, client);

    [Function(nameof(ConsultationAttachmentDownload))]
    public Task<IResult> ConsultationAttachmentDownload([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/consultations/{id}/attachments/{documentId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ConsultationAttachmentDownload), req, client);

    [Function(nameof(RespondForm))]
    public Task<IResult> RespondForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "respond/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RespondForm), req, client);

    [Function(nameof(RespondSubmit))]
    public Task<IResult> RespondSubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "respond/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RespondSubmit), req, client);

    [Function(nameof(RespondDocument))]
    public Task<IResult> RespondDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "respond/{token}/document")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RespondDocument), req, client);

    [Function(nameof(RespondForward))]
    public Task<IResult> RespondForward([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "respond/{token}/forward")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RespondForward), req, client);
}
