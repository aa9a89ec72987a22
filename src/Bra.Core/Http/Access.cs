namespace Bra.Core.Http;

/// <summary>
/// Who may call a route. Every route declares one, and <see cref="AccessPolicies"/> decides it before the handler runs.
/// There is no zero-valued member: a route whose access was never set holds <c>default(Access)</c>, which is no member,
/// and <see cref="AppRoutes"/> refuses to start with it.
/// </summary>
public enum Access
{
    /// <summary>No sign-in, the same for everyone: the start page, the icon, health, the API description, the 404 answer, signing out.</summary>
    Public = 1,
    /// <summary>No sign-in: a capability-link page (respond, sign); the link's token is the credential, checked by the link's service.</summary>
    Link,
    /// <summary>Any signed-in person found in the people register; per-record rules are the services'.</summary>
    Staff,
    /// <summary>Signed-in staff holding the Administrator role.</summary>
    Administrator,
    /// <summary>Signed-in staff holding the Administrator or the DataProtectionOfficer role.</summary>
    AdministratorOrDataProtectionOfficer,
    /// <summary>Signed-in staff holding the DataProtectionOfficer role.</summary>
    DataProtectionOfficer,
    /// <summary>
    /// Signed-in staff who decide camera requests: administrators and the decision-makers configured for some unit
    /// (see <see cref="Cameras.CameraDecisionMakers"/>). Whether they decide for the request's unit is the service's rule.
    /// </summary>
    CameraDecisionMaker,
}
