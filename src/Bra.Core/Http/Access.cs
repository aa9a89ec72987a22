namespace Bra.Core.Http;

/// <summary>Who may call a route. Every route declares one; there is no default.</summary>
public enum Access
{
    /// <summary>No sign-in: health and the public capability-link pages (the link itself is the credential).</summary>
    Anonymous,
    /// <summary>Any signed-in person found in the people register.</summary>
    Staff,
    /// <summary>Signed-in staff holding the Administrator role.</summary>
    Administrator,
    /// <summary>Signed-in staff holding the Administrator or the DataProtectionOfficer role.</summary>
    AdministratorOrDataProtectionOfficer,
}
