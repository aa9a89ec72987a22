using Bra.Core.Email;
using Bra.Core.Identity;

namespace Bra.Core.People;

/// <summary>The body of <c>POST /api/people</c> and <c>PUT /api/people/{id}</c>.</summary>
public sealed record PersonInput(string? Name, string? Email, string? Title, string? ManagerId, string? EntraObjectId, IReadOnlyList<string>? Roles)
{
    public const int MaxNameLength = 200;

    /// <summary>Checks the fields that need no lookups; register-wide rules (unknown manager, cycles, duplicates) are checked by the store.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["Namn måste anges."];
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Namnet får vara högst {MaxNameLength} tecken."];
        }

        if (!EmailAddress.IsValid(Email))
        {
            errors["email"] = [EmailAddress.InvalidMessage];
        }

        if (Title is { Length: > MaxNameLength })
        {
            errors["title"] = [$"Titeln får vara högst {MaxNameLength} tecken."];
        }

        if (EntraObjectId is { } oid && !Guid.TryParse(oid, out _))
        {
            errors["entraObjectId"] = ["Objekt-id från Entra ID ska vara ett GUID."];
        }

        var unknownRoles = (Roles ?? []).Where(r => !StaffRoles.All.Contains(r)).ToList();
        if (unknownRoles.Count > 0)
        {
            errors["roles"] = [$"Okänd roll: {string.Join(", ", unknownRoles)}. Tillåtna roller: {string.Join(", ", StaffRoles.All.Select(r => $"{r} ({StaffRoles.SwedishName(r)})"))}."];
        }

        return errors;
    }
}

/// <summary>The body of <c>POST /api/units</c> and <c>PUT /api/units/{id}</c>.</summary>
public sealed record UnitInput(string? Name, UnitKind? Kind, string? HeadPersonId)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["Namn måste anges."];
        }
        else if (Name.Trim().Length > PersonInput.MaxNameLength)
        {
            errors["name"] = [$"Namnet får vara högst {PersonInput.MaxNameLength} tecken."];
        }

        if (Kind is null || !Enum.IsDefined(Kind.Value))
        {
            errors["kind"] = ["Ange typ av enhet: school, department, council, external eller other."];
        }

        return errors;
    }
}
