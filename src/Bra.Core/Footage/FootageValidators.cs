using Bra.Core.Http;
using Bra.Core.Cameras;
using Bra.Core.People;
using Bra.Core.Time;

namespace Bra.Core.Footage;

/// <summary>Checks the body of a grant: the person exists in the register; an end date is not already past.</summary>
public sealed class GrantInputValidator(PeopleStore people, TimeProvider time)
{
    public async Task<(Dictionary<string, string[]> Errors, Person? Person)> ValidateAsync(GrantInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Person? person = null;
        if (string.IsNullOrWhiteSpace(input.PersonId))
        {
            errors.Add("personId", "Ange vem som ska få behörighet (personId).");
        }
        else if ((person = await people.GetPersonAsync(input.PersonId.Trim(), ct)) is null)
        {
            errors.Add("personId", "Personen finns inte i personregistret.");
        }

        if (input.ValidUntil is { } until && until < SwedishTime.Today(time))
        {
            errors.Add("validUntil", "Slutdatumet har redan passerat. Ange ett datum från och med i dag, eller inget slutdatum.");
        }

        return (errors.Result, person);
    }
}

/// <summary>Checks the body of a revocation: a reason is required.</summary>
public sealed class RevokeInputValidator
{
    public Dictionary<string, string[]> Validate(RevokeInput input)
    {
        var errors = new FieldErrors();
        errors.Required("reason", input.Reason, "Ange varför behörigheten återkallas.");
        errors.MaxLength("reason", input.Reason, FootageChecks.MaxText);
        return errors.Result;
    }
}

/// <summary>Checks a logged access: cameras of the site, a footage period that makes sense, an action, a purpose in a sentence.</summary>
public sealed class AccessInputValidator(TimeProvider time)
{
    public const int MinPurposeWords = 3;
    public const int MinPurposeLength = 15;

    public Dictionary<string, string[]> Validate(AccessInput input, CameraSite site)
    {
        var errors = new FieldErrors();
        if (input.CameraIds is not { Count: > 0 })
        {
            errors.Add("cameraIds", "Ange minst en kamera (cameraIds).");
        }
        else
        {
            errors.Cameras(input.CameraIds, site);
        }

        errors.Period(input.FootageFrom, input.FootageTo, time.GetUtcNow());
        if (input.Action is null || !Enum.IsDefined(input.Action.Value))
        {
            errors.Add("action", "Ange vad du gör med materialet: view (titta) eller export (exportera).");
        }

        if (string.IsNullOrWhiteSpace(input.Purpose))
        {
            errors.Add("purpose", "Ange syftet med åtkomsten.");
        }
        else if (input.Purpose.Trim().Length < MinPurposeLength
                 || input.Purpose.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < MinPurposeWords)
        {
            errors.Add("purpose", "Beskriv syftet med en mening, inte ett enstaka ord (till exempel: Granska skadegörelse vid huvudentrén natten till den 3 mars).");
        }

        errors.MaxLength("purpose", input.Purpose, FootageChecks.MaxText);
        errors.MaxLength("incidentRef", input.IncidentRef, 100);
        return errors.Result;
    }
}

/// <summary>Checks a police disclosure: case number, authority, officer, footage period, legal ground, when and how handed over.</summary>
public sealed class DisclosureInputValidator(TimeProvider time)
{
    public Dictionary<string, string[]> Validate(DisclosureInput input, CameraSite site)
    {
        var errors = new FieldErrors();
        var now = time.GetUtcNow();
        errors.Required("policeCaseNumber", input.PoliceCaseNumber, "Ange polisens ärendenummer.");
        errors.MaxLength("policeCaseNumber", input.PoliceCaseNumber, 100);
        errors.Required("requestingAuthority", input.RequestingAuthority, "Ange vilken myndighet som begärde materialet.");
        errors.MaxLength("requestingAuthority", input.RequestingAuthority, 200);
        errors.Required("requestingOfficer", input.RequestingOfficer, "Ange vilken tjänsteperson som begärde materialet.");
        errors.MaxLength("requestingOfficer", input.RequestingOfficer, 200);
        if (input.CameraIds is { Count: > 0 } cameras)
        {
            errors.Cameras(cameras, site);
        }

        errors.Period(input.FootageFrom, input.FootageTo, now);
        errors.Required("legalGround", input.LegalGround, "Ange den rättsliga grunden för utlämnandet.");
        errors.MaxLength("legalGround", input.LegalGround, FootageChecks.MaxText);
        if (input.HandedOverAt is not { } handedOver)
        {
            errors.Add("handedOverAt", "Ange när materialet lämnades över (handedOverAt).");
        }
        else if (handedOver > now.AddMinutes(5))
        {
            errors.Add("handedOverAt", "Överlämningen kan inte ligga i framtiden. Registrera utlämnandet när det har skett.");
        }

        errors.Required("handoverMethod", input.HandoverMethod, "Ange hur materialet lämnades över (till exempel krypterat USB-minne).");
        errors.MaxLength("handoverMethod", input.HandoverMethod, 500);
        return errors.Result;
    }
}

/// <summary>The footage inputs' own checks on top of <see cref="FieldErrors"/>.</summary>
internal static class FootageChecks
{
    public const int MaxText = 2000;

    public static void Cameras(this FieldErrors errors, IReadOnlyList<string> cameraIds, CameraSite site)
    {
        foreach (var id in cameraIds.Distinct())
        {
            if (!site.Cameras.Any(c => c.Id == id))
            {
                errors.Add("cameraIds", $"Kameran '{id}' finns inte på platsen {site.Name}.");
            }
        }
    }

    public static void Period(this FieldErrors errors, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        if (from is null)
        {
            errors.Add("footageFrom", "Ange från vilken tidpunkt materialet gäller (footageFrom).");
        }
        else if (from > now)
        {
            errors.Add("footageFrom", "Materialet kan inte vara inspelat i framtiden.");
        }

        if (to is null)
        {
            errors.Add("footageTo", "Ange till vilken tidpunkt materialet gäller (footageTo).");
        }
        else if (from is not null && to < from)
        {
            errors.Add("footageTo", "Slutet på tidsintervallet (footageTo) får inte ligga före början (footageFrom).");
        }
    }
}
