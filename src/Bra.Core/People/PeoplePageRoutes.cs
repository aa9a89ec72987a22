using Microsoft.AspNetCore.Http;
using Bra.Core.Http;
using Bra.Core.Pages;
using Bra.Core.Time;

namespace Bra.Core.People;

/// <summary>
/// The people register's staff pages (administrators): lists of people and units, forms to add and edit them and to
/// deactivate a person (anti-forgery token, POST-redirect-GET, Swedish error summary, what was typed kept). They call
/// the same <see cref="PeopleRegister"/> as the API, so the pages refuse exactly what the API refuses.
/// </summary>
public sealed class PeoplePageRoutes(PeopleStore store, PeopleRegister register, StaffForms forms) : IRouteSource
{
    private static readonly StringComparer ByName = StringComparer.Create(SwedishTime.Culture, ignoreCase: true);

    public IEnumerable<AppRoute> Routes =>
    [
        new("PeoplePage", "GET", "staff/people", Access.Administrator, PeopleAsync) { Navigation = new(80, "Personer") },
        new("NewPersonPage", "GET", "staff/people/new", Access.Administrator, c => PersonFormAsync(c, null, Blank)),
        new("CreatePersonForm", "POST", "staff/people/new", Access.Administrator, CreatePersonAsync),
        new("PersonPage", "GET", "staff/people/{id}", Access.Administrator, PersonAsync),
        new("UpdatePersonForm", "POST", "staff/people/{id}", Access.Administrator, UpdatePersonAsync),
        new("DeactivatePersonForm", "POST", "staff/people/{id}/deactivate", Access.Administrator, DeactivatePersonAsync),
        new("CorrectObjectIdForm", "POST", "staff/people/{id}/object-id", Access.Administrator, CorrectObjectIdAsync),
        new("UnitsPage", "GET", "staff/units", Access.Administrator, UnitsAsync) { Navigation = new(90, "Enheter") },
        new("NewUnitPage", "GET", "staff/units/new", Access.Administrator, c => UnitFormAsync(c, null, new UnitInput(null, null, null))),
        new("CreateUnitForm", "POST", "staff/units/new", Access.Administrator, CreateUnitAsync),
        new("UnitPage", "GET", "staff/units/{id}", Access.Administrator, UnitAsync),
        new("UpdateUnitForm", "POST", "staff/units/{id}", Access.Administrator, UpdateUnitAsync),
    ];

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private static PersonInput Blank => new(null, null, null, null, null, []);

    private async Task<IResult> PeopleAsync(RequestContext c)
    {
        var people = await store.ListPeopleAsync(c.Aborted);
        return new PageResult<PeoplePage>(new Dictionary<string, object?>
        {
            [nameof(PeoplePage.People)] = people.OrderBy(p => p.Active ? 0 : 1).ThenBy(p => p.Name, ByName).ToList(),
            [nameof(PeoplePage.Names)] = people.ToDictionary(p => p.Id, p => p.Name),
        });
    }

    private async Task<IResult> PersonAsync(RequestContext c)
    {
        if (await store.GetPersonAsync(c.Route("id"), c.Aborted) is not { } person)
        {
            return PageResult.NotFound();
        }

        var notice = StaffForms.Notice(c.Request.Query, ("tillagd", "Personen är tillagd i registret."), ("sparad", "Ändringarna är sparade."),
            ("objektid", "Objekt-id:t är rättat."),
            ("avaktiverad", "Personen är avaktiverad. Hen kan inte längre logga in och kan inte väljas som chef."));
        return await PersonFormAsync(c, person, Stored(person), notice: notice);
    }

    private async Task<IResult> PersonFormAsync(RequestContext c, Person? person, PersonInput values, FormRefusal? refusal = null, string? notice = null,
        ObjectIdCorrection? correction = null, FormRefusal? correctionRefusal = null)
    {
        var people = await store.ListPeopleAsync(c.Aborted);
        var managers = people.Where(p => p.Id != person?.Id && (p.Active || p.Id == person?.ManagerId))
            .OrderBy(p => p.Name, ByName).Select(Choice).ToList();
        return new PageResult<PersonFormPage>(new Dictionary<string, object?>
        {
            [nameof(PersonFormPage.Person)] = person,
            [nameof(PersonFormPage.Values)] = values,
            [nameof(PersonFormPage.Errors)] = refusal?.Errors ?? NoErrors,
            [nameof(PersonFormPage.Managers)] = managers,
            [nameof(PersonFormPage.Notice)] = notice,
            [nameof(PersonFormPage.Error)] = refusal?.Message ?? correctionRefusal?.Message,
            [nameof(PersonFormPage.Correction)] = correction ?? new ObjectIdCorrection(null, null),
            [nameof(PersonFormPage.CorrectionErrors)] = correctionRefusal?.Errors ?? NoErrors,
        }, (refusal ?? correctionRefusal)?.Status ?? StatusCodes.Status200OK);
    }

    private Task<IResult> CreatePersonAsync(RequestContext c) => SaveAsync(c, PersonFrom, input => register.CreatePersonAsync(input, c.Aborted),
        p => $"/staff/people/{p.Id}?tillagd=1", (input, refusal) => PersonFormAsync(c, null, input, refusal));

    private Task<IResult> UpdatePersonAsync(RequestContext c) => SaveAsync(c, PersonFrom, input => register.UpdatePersonAsync(c.Route("id"), input, c.Aborted),
        _ => $"/staff/people/{c.Route("id")}?sparad=1", async (input, refusal) =>
            await store.GetPersonAsync(c.Route("id"), c.Aborted) is { } person ? await PersonFormAsync(c, person, input, refusal) : PageResult.NotFound());

    private Task<IResult> DeactivatePersonAsync(RequestContext c) => forms.HandleAsync(c, async _ =>
    {
        var id = c.Route("id");
        return await FormAnswer.FromAsync(await register.DeactivatePersonAsync(id, c.Aborted), _ => StaffForms.SeeOther($"/staff/people/{id}?avaktiverad=1"),
            async refusal => await store.GetPersonAsync(id, c.Aborted) is { } person ? await PersonFormAsync(c, person, Stored(person), refusal) : PageResult.NotFound());
    });

    private Task<IResult> CorrectObjectIdAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var id = c.Route("id");
        var input = new ObjectIdCorrection(form["correctedObjectId"].ToString(), form["reason"].ToString());
        return await FormAnswer.FromAsync(await register.CorrectObjectIdAsync(id, input, c.Staff, c.Aborted), _ => StaffForms.SeeOther($"/staff/people/{id}?objektid=1"),
            async refusal => await store.GetPersonAsync(id, c.Aborted) is { } person
                ? await PersonFormAsync(c, person, Stored(person), correction: input, correctionRefusal: refusal)
                : PageResult.NotFound());
    });

    private async Task<IResult> UnitsAsync(RequestContext c)
    {
        var units = await store.ListUnitsAsync(c.Aborted);
        var people = await store.ListPeopleAsync(c.Aborted);
        return new PageResult<UnitsPage>(new Dictionary<string, object?>
        {
            [nameof(UnitsPage.Units)] = units.OrderBy(u => u.Name, ByName).ToList(),
            [nameof(UnitsPage.People)] = people.ToDictionary(p => p.Id),
        });
    }

    private async Task<IResult> UnitAsync(RequestContext c)
    {
        if (await store.GetUnitAsync(c.Route("id"), c.Aborted) is not { } unit)
        {
            return PageResult.NotFound();
        }

        var notice = StaffForms.Notice(c.Request.Query, ("tillagd", "Enheten är tillagd i registret."), ("sparad", "Ändringarna är sparade."));
        return await UnitFormAsync(c, unit, new UnitInput(unit.Name, unit.Kind, unit.HeadPersonId), notice: notice);
    }

    private async Task<IResult> UnitFormAsync(RequestContext c, Unit? unit, UnitInput values, FormRefusal? refusal = null, string? notice = null)
    {
        var people = await store.ListPeopleAsync(c.Aborted);
        var heads = people.Where(p => p.Active || p.Id == unit?.HeadPersonId).OrderBy(p => p.Name, ByName).Select(Choice).ToList();
        return new PageResult<UnitFormPage>(new Dictionary<string, object?>
        {
            [nameof(UnitFormPage.Unit)] = unit,
            [nameof(UnitFormPage.Values)] = values,
            [nameof(UnitFormPage.Errors)] = refusal?.Errors ?? NoErrors,
            [nameof(UnitFormPage.Heads)] = heads,
            [nameof(UnitFormPage.Notice)] = notice,
            [nameof(UnitFormPage.Error)] = refusal?.Message,
        }, refusal?.Status ?? StatusCodes.Status200OK);
    }

    private Task<IResult> CreateUnitAsync(RequestContext c) => SaveAsync(c, UnitFrom, input => register.CreateUnitAsync(input, c.Aborted),
        u => $"/staff/units/{u.Id}?tillagd=1", (input, refusal) => UnitFormAsync(c, null, input, refusal));

    private Task<IResult> UpdateUnitAsync(RequestContext c) => SaveAsync(c, UnitFrom, input => register.UpdateUnitAsync(c.Route("id"), input, c.Aborted),
        _ => $"/staff/units/{c.Route("id")}?sparad=1", async (input, refusal) =>
            await store.GetUnitAsync(c.Route("id"), c.Aborted) is { } unit ? await UnitFormAsync(c, unit, input, refusal) : PageResult.NotFound());

    /// <summary>
    /// An add or edit form of the register: the posted input goes through <see cref="PeopleRegister"/>; success redirects (303)
    /// to <paramref name="done"/>, otherwise the form comes back with what was typed (<paramref name="again"/>).
    /// </summary>
    private Task<IResult> SaveAsync<TInput, TRecord>(RequestContext c, Func<IFormCollection, TInput> read, Func<TInput, Task<Result<TRecord>>> write,
        Func<TRecord, string> done, Func<TInput, FormRefusal, Task<IResult>> again) => forms.HandleAsync(c, async form =>
    {
        var input = read(form);
        return await FormAnswer.FromAsync(await write(input), record => StaffForms.SeeOther(done(record)), refusal => again(input, refusal));
    });

    /// <summary>The person as stored, as the form shows it.</summary>
    private static PersonInput Stored(Person person) => new(person.Name, person.Email, person.Title, person.ManagerId, person.EntraObjectId, person.Roles);

    private static PersonInput PersonFrom(IFormCollection form) => new(
        form["name"].ToString(), form["email"].ToString(), form["title"].ToString(), form["managerId"].ToString(),
        form["entraObjectId"].ToString(), form["roles"].Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).ToList());

    /// <summary>The unit's kind as posted (its API code); a value the form does not offer is no kind at all.</summary>
    private static UnitInput UnitFrom(IFormCollection form) =>
        new(form["name"].ToString(), UnitKinds.Parse(form["kind"].ToString()), form["headPersonId"].ToString());

    private static PersonChoice Choice(Person p) =>
        new(p.Id, p.Title is null ? p.Name : $"{p.Name}, {p.Title}", p.Active);
}

/// <summary>A person offered as a manager or a unit's head.</summary>
public sealed record PersonChoice(string Id, string Label, bool Active);
