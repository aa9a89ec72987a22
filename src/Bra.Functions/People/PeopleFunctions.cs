using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.People;

public sealed class PeopleFunctions(AppRoutes routes)
{
    [Function(nameof(ListPeople))]
    public Task<IResult> ListPeople([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListPeople), req, client);

    [Function(nameof(CreatePerson))]
    public Task<IResult> CreatePerson([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreatePerson), req, client);

    [Function(nameof(GetPerson))]
    public Task<IResult> GetPerson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetPerson), req, client);

    [Function(nameof(UpdatePerson))]
    public Task<IResult> UpdatePerson([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/people/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdatePerson), req, client);

    [Function(nameof(DeactivatePerson))]
    public Task<IResult> DeactivatePerson([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people/{id}/deactivate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(DeactivatePerson), req, client);

    [Function(nameof(CorrectPersonObjectId))]
    public Task<IResult> CorrectPersonObjectId([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people/{id}/object-id")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CorrectPersonObjectId), req, client);

    [Function(nameof(ListUnits))]
    public Task<IResult> ListUnits([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListUnits), req, client);

    [Function(nameof(CreateUnit))]
    public Task<IResult> CreateUnit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateUnit), req, client);

    [Function(nameof(GetUnit))]
    public Task<IResult> GetUnit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetUnit), req, client);

    [Function(nameof(UpdateUnit))]
    public Task<IResult> UpdateUnit([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/units/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdateUnit), req, client);

    [Function(nameof(Me))]
    public Task<IResult> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(Me), req, client);
}
