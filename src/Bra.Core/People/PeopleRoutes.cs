using Microsoft.AspNetCore.Http;
using Bra.Core.Http;

namespace Bra.Core.People;

/// <summary>The people register API: administrators manage people and units; anyone signed in reads <c>/api/me</c>.</summary>
public sealed class PeopleRoutes(PeopleStore store, PeopleRegister register) : IRouteSource
{
    public IEnumerable<AppRoute> Routes =>
    [
        new("ListPeople", "GET", "api/people", Access.Administrator, async c => TypedResults.Ok(await store.ListPeopleAsync(c.Aborted))) { Returns = typeof(IReadOnlyList<Person>) },
        new("CreatePerson", "POST", "api/people", Access.Administrator, CreatePersonAsync) { Body = typeof(PersonInput), Returns = typeof(Person), Success = 201, ProblemStatuses = [409] },
        new("GetPerson", "GET", "api/people/{id}", Access.Administrator, async c =>
            await store.GetPersonAsync(c.Route("id"), c.Aborted) is { } p ? TypedResults.Ok(p) : Problems.NotFound("Personen finns inte.")) { Returns = typeof(Person) },
        new("UpdatePerson", "PUT", "api/people/{id}", Access.Administrator, UpdatePersonAsync) { Body = typeof(PersonInput), Returns = typeof(Person), ProblemStatuses = [409] },
        new("DeactivatePerson", "POST", "api/people/{id}/deactivate", Access.Administrator, async c =>
            ApiAnswer.From(await register.DeactivatePersonAsync(c.Route("id"), c.Aborted), TypedResults.Ok)) { Returns = typeof(Person), ProblemStatuses = [409] },
        new("CorrectPersonObjectId", "POST", "api/people/{id}/object-id", Access.Administrator, CorrectObjectIdAsync) { Body = typeof(ObjectIdCorrection), Returns = typeof(Person), ProblemStatuses = [409] },
        new("ListUnits", "GET", "api/units", Access.Administrator, async c => TypedResults.Ok(await store.ListUnitsAsync(c.Aborted))) { Returns = typeof(IReadOnlyList<Unit>) },
        new("CreateUnit", "POST", "api/units", Access.Administrator, CreateUnitAsync) { Body = typeof(UnitInput), Returns = typeof(Unit), Success = 201, ProblemStatuses = [409] },
        new("GetUnit", "GET", "api/units/{id}", Access.Administrator, async c =>
            await store.GetUnitAsync(c.Route("id"), c.Aborted) is { } u ? TypedResults.Ok(u) : Problems.NotFound("Enheten finns inte.")) { Returns = typeof(Unit) },
        new("UpdateUnit", "PUT", "api/units/{id}", Access.Administrator, UpdateUnitAsync) { Body = typeof(UnitInput), Returns = typeof(Unit), ProblemStatuses = [409] },
        new("Me", "GET", "api/me", Access.Staff, MeAsync) { Returns = typeof(MeView) },
    ];

    private Task<IResult> CreatePersonAsync(RequestContext c) => JsonBody.HandleAsync<PersonInput>(c.Request, async input =>
        ApiAnswer.From(await register.CreatePersonAsync(input, c.Aborted), p => TypedResults.Created($"/api/people/{p.Id}", p)));

    private Task<IResult> UpdatePersonAsync(RequestContext c) => JsonBody.HandleAsync<PersonInput>(c.Request, async input =>
        ApiAnswer.From(await register.UpdatePersonAsync(c.Route("id"), input, c.Aborted), TypedResults.Ok));

    private Task<IResult> CorrectObjectIdAsync(RequestContext c) => JsonBody.HandleAsync<ObjectIdCorrection>(c.Request, async input =>
        ApiAnswer.From(await register.CorrectObjectIdAsync(c.Route("id"), input, c.Staff, c.Aborted), TypedResults.Ok));

    private Task<IResult> CreateUnitAsync(RequestContext c) => JsonBody.HandleAsync<UnitInput>(c.Request, async input =>
        ApiAnswer.From(await register.CreateUnitAsync(input, c.Aborted), u => TypedResults.Created($"/api/units/{u.Id}", u)));

    private Task<IResult> UpdateUnitAsync(RequestContext c) => JsonBody.HandleAsync<UnitInput>(c.Request, async input =>
        ApiAnswer.From(await register.UpdateUnitAsync(c.Route("id"), input, c.Aborted), TypedResults.Ok));

    private async Task<IResult> MeAsync(RequestContext c)
    {
        var me = c.Staff.Person;
        var units = (await store.ListUnitsAsync(c.Aborted)).Where(u => u.HeadPersonId == me.Id).ToList();
        var reports = (await store.ListPeopleAsync(c.Aborted)).Where(p => p.ManagerId == me.Id)
            .Select(p => new PersonSummary(p.Id, p.Name, p.Email, p.Title)).ToList();
        return TypedResults.Ok(new MeView(me, c.Staff.Roles.Order(StringComparer.Ordinal).ToList(), units, reports));
    }
}

/// <summary>The answer of <c>GET /api/me</c>: the signed-in person, the roles their token grants, the units they head and whom they manage.</summary>
public sealed record MeView(Person Person, IReadOnlyList<string> Roles, IReadOnlyList<Unit> UnitsHeaded, IReadOnlyList<PersonSummary> Manages);

public sealed record PersonSummary(string Id, string Name, string Email, string? Title);
