namespace Bra.Core.Identity;

/// <summary>Staff roles: the app roles of the Entra app registration and the roles stored in the people register.</summary>
public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string DataProtectionOfficer = "DataProtectionOfficer";

    public static readonly IReadOnlyList<string> All = [Administrator, DataProtectionOfficer];

    /// <summary>What a person reads: the role's Swedish name ("administratör", "dataskyddsombud"); the code is for the API.</summary>
    public static string SwedishName(string role) => role switch
    {
        Administrator => "administratör",
        DataProtectionOfficer => "dataskyddsombud",
        _ => role,
    };
}
