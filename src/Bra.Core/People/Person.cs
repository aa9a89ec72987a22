namespace Bra.Core.People;

/// <summary>
/// A person in the register: staff (with roles) or an external contact (no roles). A deactivated person
/// (<see cref="DeactivatedAt"/> set) stays in the register for history but signs in to nothing, is mailed nothing as a
/// decision-maker and cannot become anyone's manager or a unit's head. The roles here are a directory for mailing
/// (who gets administrators' notices); what a person may do comes from the roles in their token.
/// <see cref="AddedAtFirstSignIn"/>: the register added the person from the claims of their first sign-in (see
/// <see cref="PeopleRegister.AdmitAsync"/>). <see cref="ObjectIdChange"/>: the last explicit correction of
/// <see cref="EntraObjectId"/>, which the ordinary edit never changes once it is stored.
/// </summary>
public sealed record Person(
    string Id,
    string Name,
    string Email,
    string? Title,
    string? ManagerId,
    string? EntraObjectId,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeactivatedAt = null,
    bool AddedAtFirstSignIn = false,
    ObjectIdChange? ObjectIdChange = null)
{
    public bool Active => DeactivatedAt is null;
}

/// <summary>Who replaced a person's Entra object id, when, why, and what it was before (null: the person had none).</summary>
public sealed record ObjectIdChange(string? Previous, string ChangedById, string ChangedByName, DateTimeOffset ChangedAt, string Reason);

/// <summary>An organisational unit; for a school the head is its principal.</summary>
public sealed record Unit(string Id, string Name, UnitKind Kind, string? HeadPersonId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public enum UnitKind
{
    School,
    Department,
    Council,
    External,
    Other,
}

/// <summary>How a unit's kind is written: its code in the API (as JSON writes it) and its Swedish name on pages.</summary>
public static class UnitKinds
{
    public static string Code(UnitKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static string SwedishName(UnitKind kind) => kind switch
    {
        UnitKind.School => "skola",
        UnitKind.Department => "förvaltning",
        UnitKind.Council => "brottsförebyggande råd",
        UnitKind.External => "extern organisation",
        _ => "annan",
    };

    public static UnitKind? Parse(string? code) =>
        Enum.GetValues<UnitKind>().Cast<UnitKind?>().FirstOrDefault(k => Code(k!.Value) == code);
}
