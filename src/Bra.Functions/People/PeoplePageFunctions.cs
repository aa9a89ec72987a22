using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.People;

public sealed class PeoplePageFunctions(AppRoutes routes)
{
    [Function(nameof(PeoplePage))]
    public Task<IResult> PeoplePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/people")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(PeoplePage), req, client);

    [Function(nameof(NewPersonPage))]
    public Task<IResult> NewPersonPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/people/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(NewPersonPage), req, client);

    [Function(nameof(CreatePersonForm))]
    public Task<IResult> CreatePersonForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/people/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreatePersonForm), req, client);

    [Function(nameof(PersonPage))]
    public Task<IResult> PersonPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/people/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(PersonPage), req, client);

    [Function(nameof(UpdatePersonForm))]
    public Task<IResult> UpdatePersonForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/people/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdatePersonForm), req, client);

    [Function(nameof(DeactivatePersonForm))]
    public Task<IResult> DeactivatePersonForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/people/{id}/deactivate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(DeactivatePersonForm), req, client);

    [Function(nameof(CorrectObjectIdForm))]
    public Task<IResult> CorrectObjectIdForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/people/{id}/object-id")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CorrectObjectIdForm), req, client);

    [Function(nameof(UnitsPage))]
    public Task<IResult> UnitsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/units")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UnitsPage), req, client);

    [Function(nameof(NewUnitPage))]
    public Task<IResult> NewUnitPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/units/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(NewUnitPage), req, client);

    [Function(nameof(CreateUnitForm))]
    public Task<IResult> CreateUnitForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/units/new")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateUnitForm), req, client);

    [Function(nameof(UnitPage))]
    public Task<IResult> UnitPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/units/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UnitPage), req, client);

    [Function(nameof(UpdateUnitForm))]
    public Task<IResult> UpdateUnitForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/units/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdateUnitForm), req, client);
}
