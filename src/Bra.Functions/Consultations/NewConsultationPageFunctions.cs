using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Consultations;

public sealed class NewConsultationPageFunctions(AppRoutes routes)
{
    [Function(nameof(NewConsultationPage))]
    public Task<IResult> NewConsultationPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/consultations/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(NewConsultationPage), req, client);

    [Function(nameof(NewConsultationForm))]
    public Task<IResult> NewConsultationForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/consultations/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(NewConsultationForm), req, client);
}
