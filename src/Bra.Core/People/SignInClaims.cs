namespace Bra.Core.People;

/// <summary>
/// Who a validated sign-in says the person is: the Entra object id, name and email from its claims, whether the account is
/// a member of the configured tenant (not a guest), and the app roles it carries.
/// </summary>
public sealed record SignInClaims(string ObjectId, string? Name, string? Email, bool TenantMember, IReadOnlyCollection<string> Roles);

/// <summary>The body of <c>POST /api/people/{id}/object-id</c> and the person page's correction form: the new object id and why.</summary>
public sealed record ObjectIdCorrection(string? EntraObjectId, string? Reason);
