namespace Bra.Core.Identity;

/// <summary>
/// Staff roles. <see cref="All"/> are the app roles of the Entra app registration: a token carrying any of them is admitted
/// (its person is added to the register at first sign-in). <see cref="Register"/> are the roles the people register keeps,
/// which choose whom the service mails (administrators' notices, the data protection officer's).
/// </summary>
public static class StaffRoles
{
    public const string Staff = "Staff";
    public const string Administrator = "Administrator";
    public const string DataProtectionOfficer = "DataProtectionOfficer";

    public static readonly IReadOnlyList<string> All = [Staff, Administrator, DataProtectionOfficer];

    public static readonly IReadOnlyList<string> Register = [Administrator, DataProtectionOfficer];

    /// <summary>What a person reads: the role's Swedish name ("personal", "administratör", "dataskyddsombud"); the code is for the API.</summary>
    public static string SwedishName(string role) => role switch
    {
        Staff => "personal",
        Administrator => "administratör",
        DataProtectionOfficer => "dataskyddsombud",
        _ => role,
    };
}
