namespace Bra.Core.People;

/// <summary>A person in the register: staff (with roles) or an external contact (no roles).</summary>
public sealed record Person(
    string Id,
    string Name,
    string Email,
    string? Title,
    string? ManagerId,
    string? EntraObjectId,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

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
