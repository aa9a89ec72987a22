using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Agreements;

public sealed class AgreementFunctions(AppRoutes routes)
{
    [Function(nameof(CreateAgreement))]
    public Task<IResult> CreateAgreement([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateAgreement), req, client);

    [Function(nameof(ListAgreements))]
    public Task<IResult> ListAgreements([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agreements")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListAgreements), req, client);

    [Function(nameof(GetAgreement))]
    public Task<IResult> GetAgreement([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agreements/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetAgreement), req, client);

    [Function(nameof(CancelAgreement))]
    public Task<IResult> CancelAgreement([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/cancel")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CancelAgreement), req, client);

    [Function(nameof(ReplaceAgreementSigner))]
    public Task<IResult> ReplaceAgreementSigner([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/signers/{signerId}/replace")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ReplaceAgreementSigner), req, client);

    [Function(nameof(GetAgreementCertificate))]
    public Task<IResult> GetAgreementCertificate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agreements/{id}/certificate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetAgreementCertificate), req, client);

    [Function(nameof(VerifyAgreementDocument))]
    public Task<IResult> VerifyAgreementDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/verify")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(VerifyAgreementDocument), req, client);

    [Function(nameof(SignForm))]
    public Task<IResult> SignForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SignForm), req, client);

    [Function(nameof(SignSubmit))]
    public Task<IResult> SignSubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sign/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SignSubmit), req, client);

    [Function(nameof(SignDecline))]
    public Task<IResult> SignDecline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sign/{token}/decline")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SignDecline), req, client);

    [Function(nameof(SignDocument))]
    public Task<IResult> SignDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign/{token}/document")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SignDocument), req, client);

    [Function(nameof(SignCertificate))]
    public Task<IResult> SignCertificate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign/{token}/certificate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SignCertificate), req, client);

    [Function(nameof(AgreementsPage))]
    public Task<IResult> AgreementsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/agreements")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AgreementsPage), req, client);

    [Function(nameof(NewAgreementPage))]
    public Task<IResult> NewAgreementPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/agreements/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(NewAgreementPage), req, client);

    [Function(nameof(SendAgreementForm))]
    public Task<IResult> SendAgreementForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/agreements/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SendAgreementForm), req, client);

    [Function(nameof(AgreementPage))]
    public Task<IResult> AgreementPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/agreements/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AgreementPage), req, client);

    [Function(nameof(AgreementCertificatePage))]
    public Task<IResult> AgreementCertificatePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/agreements/{id}/certificate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AgreementCertificatePage), req, client);

    [Function(nameof(CancelAgreementForm))]
    public Task<IResult> CancelAgreementForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/agreements/{id}/cancel")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CancelAgreementForm), req, client);

    [Function(nameof(ReplaceAgreementSignerForm))]
    public Task<IResult> ReplaceAgreementSignerForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/agreements/{id}/signers/{signerId}/replace")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ReplaceAgreementSignerForm), req, client);

    [Function(nameof(AgreementDocumentPage))]
    public Task<IResult> AgreementDocumentPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/agreements/{id}/document")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AgreementDocumentPage), req, client);
}
