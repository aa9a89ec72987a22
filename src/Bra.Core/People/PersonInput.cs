namespace Bra.Core.People;

/// <summary>The body of <c>POST /api/people</c> and <c>PUT /api/people/{id}</c>, and the person form. Checked by <see cref="PersonInputValidator"/>.</summary>
public sealed record PersonInput(string? Name, string? Email, string? Title, string? ManagerId, string? EntraObjectId, IReadOnlyList<string>? Roles);

/// <summary>The body of <c>POST /api/units</c> and <c>PUT /api/units/{id}</c>, and the unit form. Checked by <see cref="UnitInputValidator"/>.</summary>
public sealed record UnitInput(string? Name, UnitKind? Kind, string? HeadPersonId);
