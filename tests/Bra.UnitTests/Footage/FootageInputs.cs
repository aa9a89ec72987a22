using Bra.Core.Validation;
using Bra.Core.Cameras;
using Bra.Core.Footage;
using Bra.Core.Http;
using FluentValidation;
using Microsoft.Extensions.Time.Testing;

namespace Bra.UnitTests.Footage;

/// <summary>A site with one camera, complete footage inputs for it, and the clock the validators are checked against.</summary>
internal static class FootageInputs
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    public static readonly FakeTimeProvider Time = new(Now);

    public static readonly CameraSite Site =
        new("s1", "Felskolan", null, SiteKind.SchoolIndoor, "u1", "Trygghet", null, 72, null, true, Today, null, AccessPolicy.PrincipalAndManager, [],
            SiteState.Active, null, Today.AddYears(-1), null, new LegalBasis(LegalBasisType.ImyPermit, "DI-1", Today.AddYears(-4), Today.AddYears(1)),
            [new Camera("c1", "K1", null, false, null, false, false, null)], null, false, [], 1, Now, Now);

    public static AccessInput Access() => new(["c1"], Now.AddHours(-5), Now.AddHours(-4), AccessKind.View, "Granska skadegörelse vid entrén", null);

    public static DisclosureInput Disclosure() => new("5000-K123-26", "Polismyndigheten", "Inspektör Berg", ["c1"], Now.AddHours(-5), Now.AddHours(-4),
        "Begäran enligt 23 kap. 22 § rättegångsbalken", Now.AddHours(-1), "Krypterat USB-minne");

    /// <summary>The field errors of <paramref name="input"/> validated against <see cref="Site"/>.</summary>
    public static Dictionary<string, string[]> Errors<T>(IValidator<T> validator, T input) =>
        validator.Validate(ValidationContexts.Changing(input, Site)).ByField();
}
