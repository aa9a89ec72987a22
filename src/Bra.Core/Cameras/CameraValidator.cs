using Bra.Core.Http;
using Bra.Core.Documents;
using Bra.Core.People;

namespace Bra.Core.Cameras;

/// <summary>Checks posted sites, cameras, requests and decisions; lookups (units, people, documents in the document store) included.</summary>
public sealed class CameraValidator(PeopleStore people, DocumentStore documents)
{
    public const int RuleOfThumbRetentionHours = 72;
    public const int MaxRetentionHours = 24 * 365;
    public const int MaxText = 2000;

    /// <summary>
    /// Cameras on one site and operators named for it. With every text at its maximum (and quotes, which are stored as
    /// two characters), a site of this many cameras is about 270,000 JSON characters: within the 320,000 a table row
    /// holds (<see cref="Storage.JsonRow.MaxJsonChars"/>).
    /// </summary>
    public const int MaxCameras = 20;

    public const int MaxOperators = 50;

    public async Task<Dictionary<string, string[]>> ValidateSiteAsync(SiteInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("name", input.Name, "Ange platsens namn.");
        errors.MaxLength("name", input.Name, 200);
        errors.MaxLength("placeDescription", input.PlaceDescription, MaxText);
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value))
        {
            errors.Add("kind", "Ange typ av plats: schoolIndoor, schoolOutdoor, publicPlace eller other.");
        }

        if (string.IsNullOrWhiteSpace(input.UnitId))
        {
            errors.Add("unitId", "Ange ansvarig enhet (id från personregistret).");
        }
        else if (await people.GetUnitAsync(input.UnitId, ct) is null)
        {
            errors.Add("unitId", "Enheten finns inte i personregistret. Välj en befintlig enhet.");
        }

        errors.Required("purpose", input.Purpose, "Ange syftet med kamerabevakningen.");
        errors.MaxLength("purpose", input.Purpose, MaxText);
        errors.MaxLength("monitoringHours", input.MonitoringHours, 500);
        if (input.RetentionHours is not { } hours)
        {
            errors.Add("retentionHours", "Ange lagringstid i timmar (tumregeln är 72).");
        }
        else if (hours < 1 || hours > MaxRetentionHours)
        {
            errors.Add("retentionHours", $"Lagringstiden ska vara mellan 1 och {MaxRetentionHours} timmar.");
        }
        else if (hours > RuleOfThumbRetentionHours && string.IsNullOrWhiteSpace(input.RetentionReason))
        {
            errors.Add("retentionReason", $"Lagringstid över {RuleOfThumbRetentionHours} timmar kräver en skriftlig motivering. Ange skälet eller korta lagringstiden.");
        }

        errors.MaxLength("retentionReason", input.RetentionReason, MaxText);
        if (input.AccessPolicy is null || !Enum.IsDefined(input.AccessPolicy.Value))
        {
            errors.Add("accessPolicy", "Ange åtkomstregel: principalAndManager eller namedOperators.");
        }
        else if (input.Kind is SiteKind.SchoolIndoor or SiteKind.SchoolOutdoor && input.AccessPolicy != AccessPolicy.PrincipalAndManager)
        {
            errors.Add("accessPolicy", "På en skola får bara rektor och rektors chef ha tillgång till materialet (principalAndManager).");
        }
        else if (input.AccessPolicy == AccessPolicy.NamedOperators)
        {
            var operators = input.Operators ?? [];
            if (operators.Count == 0)
            {
                errors.Add("operators", "Ange minst en namngiven operatör (person-id) när åtkomsten är namedOperators.");
            }
            else if (operators.Count > MaxOperators)
            {
                errors.Add("operators", $"Högst {MaxOperators} namngivna operatörer per plats.");
                operators = [];
            }

            foreach (var id in operators)
            {
                if (string.IsNullOrWhiteSpace(id) || await people.GetPersonAsync(id, ct) is null)
                {
                    errors.Add("operators", $"Operatören '{id}' finns inte i personregistret.");
                }
            }
        }

        if (input.ResponsiblePersonId is { Length: > 0 } responsible && await people.GetPersonAsync(responsible, ct) is null)
        {
            errors.Add("responsiblePersonId", "Den ansvariga personen finns inte i personregistret.");
        }

        if (input.ImpactAssessmentDocumentId is { Length: > 0 } dpia && !await ExistsAsync(dpia, ct))
        {
            errors.Add("impactAssessmentDocumentId", "Konsekvensbedömningen finns inte bland dokumenten. Ladda upp den först och ange dess id.");
        }

        ValidateState(input, errors);
        if (input.LegalBasis is not null)
        {
            await ValidateLegalBasisAsync(input.LegalBasis, errors, ct);
        }
        else if (input.State == SiteState.Active)
        {
            errors.Add("legalBasis", "En aktiv plats måste ha en rättslig grund: ett IMY-tillstånd eller kommunens egen dokumenterade bedömning.");
        }

        var cameras = input.Cameras ?? [];
        if (cameras.Count > MaxCameras)
        {
            errors.Add("cameras", $"Högst {MaxCameras} kameror per plats. Dela upp platsen i flera.");
        }

        for (var i = 0; i < cameras.Count; i++)
        {
            ValidateCamera(cameras[i], errors, $"cameras[{i}].");
        }

        return errors.Result;
    }

    public static Dictionary<string, string[]> ValidateCamera(CameraInput input)
    {
        var errors = new FieldErrors();
        ValidateCamera(input, errors, "");
        return errors.Result;
    }

    public async Task<Dictionary<string, string[]>> ValidateRequestAsync(RequestInput input, CameraSite site, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value))
        {
            errors.Add("kind", "Ange typ av ärende: new, extension, expansion, reduction eller termination.");
        }

        errors.Required("justification", input.Justification, "Ange motiveringen till ärendet.");
        errors.MaxLength("justification", input.Justification, MaxText);
        errors.MaxLength("affectedArea", input.AffectedArea, MaxText);
        if (input.RequestedPeriod is { From: { } from, To: { } to } && to < from)
        {
            errors.Add("requestedPeriod.to", "Periodens slut kan inte ligga före dess början.");
        }

        if (input.Kind is RequestKind.New or RequestKind.Extension or RequestKind.Expansion)
        {
            if (string.IsNullOrWhiteSpace(input.AssessmentDocumentId))
            {
                errors.Add("assessmentDocumentId", "Ange den dokumenterade intresseavvägningen (dokument-id) som beslutet ska grunda sig på.");
            }
        }

        if (input.AssessmentDocumentId is { Length: > 0 } doc && !await ExistsAsync(doc, ct))
        {
            errors.Add("assessmentDocumentId", "Dokumentet finns inte. Ladda upp bedömningen först och ange dess id.");
        }

        if (input.Kind == RequestKind.Expansion && (input.AddCameras ?? []).Count == 0 && string.IsNullOrWhiteSpace(input.AffectedArea))
        {
            errors.Add("addCameras", "Ange vilka kameror eller vilket område utökningen gäller.");
        }

        var add = input.AddCameras ?? [];
        var remove = input.RemoveCameraIds ?? [];
        if (site.Cameras.Count + add.Count - site.Cameras.Count(c => remove.Contains(c.Id)) > MaxCameras)
        {
            errors.Add("addCameras", $"Platsen får ha högst {MaxCameras} kameror (nu {site.Cameras.Count}).");
        }

        for (var i = 0; i < add.Count; i++)
        {
            ValidateCamera(add[i], errors, $"addCameras[{i}].");
        }

        if (input.Kind == RequestKind.Reduction && (input.RemoveCameraIds ?? []).Count == 0)
        {
            errors.Add("removeCameraIds", "Ange vilka kameror som ska tas bort.");
        }

        foreach (var id in input.RemoveCameraIds ?? [])
        {
            if (site.Cameras.All(c => c.Id != id))
            {
                errors.Add("removeCameraIds", $"Kameran '{id}' finns inte på platsen.");
            }
        }

        if (site.State == SiteState.Ended)
        {
            errors.Add("siteId", "Platsen är avslutad; ett nytt ärende kan inte läggas på den.");
        }
        else if (input.Kind == RequestKind.New && site.State != SiteState.Planned)
        {
            errors.Add("kind", "Ärendet 'new' gäller en planerad plats; platsen är redan aktiv.");
        }

        return errors.Result;
    }

    public static Dictionary<string, string[]> ValidateDecision(DecisionInput input, CameraRequest request, DateOnly today)
    {
        var errors = new FieldErrors();
        if (input.Outcome is null || !Enum.IsDefined(input.Outcome.Value))
        {
            errors.Add("outcome", "Ange beslutet: approved eller rejected.");
        }

        errors.Required("decidedBy", input.DecidedBy, "Ange vem som fattade beslutet.");
        errors.MaxLength("decidedBy", input.DecidedBy, 200);
        errors.MaxLength("reference", input.Reference, 200);
        errors.MaxLength("conditions", input.Conditions, MaxText);
        errors.MaxLength("reason", input.Reason, MaxText);
        var decidedOn = input.DecidedOn ?? today;
        if (decidedOn > today)
        {
            errors.Add("decidedOn", "Beslutsdatum kan inte ligga i framtiden.");
        }

        if (input.Outcome == DecisionOutcome.Approved)
        {
            errors.Required("reference", input.Reference, "Ange beslutets diarienummer eller referens.");
            var needsValidity = request.Kind is RequestKind.New or RequestKind.Extension;
            if (needsValidity && input.ValidUntil is null)
            {
                errors.Add("validUntil", "Ange till och med vilket datum beslutet gäller.");
            }

            if (input.ValidUntil is { } until && until <= decidedOn)
            {
                errors.Add("validUntil", "Giltig till måste ligga efter beslutsdatumet.");
            }
        }
        else if (input.Outcome == DecisionOutcome.Rejected)
        {
            errors.Required("reason", input.Reason, "Ange skälet till avslaget.");
        }

        return errors.Result;
    }

    private async Task<bool> ExistsAsync(string documentId, CancellationToken ct) => await documents.GetAsync(documentId, ct) is not null;

    private static void ValidateState(SiteInput input, FieldErrors errors)
    {
        if (input.State is null || !Enum.IsDefined(input.State.Value))
        {
            errors.Add("state", "Ange läge: planned, active eller ended.");
            return;
        }

        if (input.State is SiteState.Active or SiteState.Ended && input.StartedOn is null)
        {
            errors.Add("startedOn", "Ange när bevakningen startade.");
        }

        if (input.State == SiteState.Ended && input.EndedOn is null)
        {
            errors.Add("endedOn", "Ange när bevakningen avslutades.");
        }

        if (input.State != SiteState.Ended && input.EndedOn is not null)
        {
            errors.Add("endedOn", "Slutdatum anges bara för en avslutad plats (state ended).");
        }

        if (input.StartedOn is { } start && input.EndedOn is { } end && end < start)
        {
            errors.Add("endedOn", "Slutdatum kan inte ligga före startdatum.");
        }
    }

    private async Task ValidateLegalBasisAsync(LegalBasis basis, FieldErrors errors, CancellationToken ct)
    {
        switch (basis.Type)
        {
            case LegalBasisType.ImyPermit:
                errors.Required("legalBasis.decisionNumber", basis.DecisionNumber, "Ange IMY:s diarienummer för tillståndet.");
                if (basis.DecidedOn is null)
                {
                    errors.Add("legalBasis.decidedOn", "Ange datum för IMY:s beslut.");
                }

                if (basis.ValidUntil is null)
                {
                    errors.Add("legalBasis.validUntil", "Ange till och med vilket datum tillståndet gäller.");
                }

                break;
            case LegalBasisType.OwnAssessment:
                if (string.IsNullOrWhiteSpace(basis.AssessmentDocumentId))
                {
                    errors.Add("legalBasis.assessmentDocumentId", "Ange den dokumenterade intresseavvägningen (dokument-id).");
                }
                else if (!await ExistsAsync(basis.AssessmentDocumentId, ct))
                {
                    errors.Add("legalBasis.assessmentDocumentId", "Bedömningsdokumentet finns inte. Ladda upp det först och ange dess id.");
                }

                errors.Required("legalBasis.decisionReference", basis.DecisionReference, "Ange beslutets diarienummer eller referens.");
                errors.Required("legalBasis.decidedBy", basis.DecidedBy, "Ange vem som fattade beslutet.");
                if (basis.DecidedOn is null)
                {
                    errors.Add("legalBasis.decidedOn", "Ange beslutsdatum.");
                }

                if (basis.ValidUntil is null && basis.ReviewDate is null)
                {
                    errors.Add("legalBasis.validUntil", "Ange giltig till eller ett datum för omprövning (reviewDate).");
                }

                if (basis.ReviewDate is { } review && basis.DecidedOn is { } decided && review <= decided)
                {
                    errors.Add("legalBasis.reviewDate", "Omprövningsdatum måste ligga efter beslutsdatumet.");
                }

                break;
            default:
                errors.Add("legalBasis.type", "Ange typ av rättslig grund: imyPermit eller ownAssessment.");
                return;
        }

        if (basis.ValidUntil is { } until && basis.DecidedOn is { } on && until <= on)
        {
            errors.Add("legalBasis.validUntil", "Giltig till måste ligga efter beslutsdatumet.");
        }

        errors.MaxLength("legalBasis.decisionNumber", basis.DecisionNumber, 200);
        errors.MaxLength("legalBasis.decisionReference", basis.DecisionReference, 200);
        errors.MaxLength("legalBasis.decidedBy", basis.DecidedBy, 200);
        errors.MaxLength("legalBasis.assessmentDocumentId", basis.AssessmentDocumentId, 64);
        errors.MaxLength("legalBasis.conditions", basis.Conditions, MaxText);
    }

    private static void ValidateCamera(CameraInput input, FieldErrors errors, string prefix)
    {
        errors.Required(prefix + "label", input.Label, "Ange kamerans beteckning.");
        errors.MaxLength(prefix + "label", input.Label, 200);
        errors.MaxLength(prefix + "placement", input.Placement, MaxText);
        errors.MaxLength(prefix + "fieldOfView", input.FieldOfView, MaxText);
        errors.MaxLength(prefix + "audioReason", input.AudioReason, MaxText);
        if (input.AudioRecording == true && string.IsNullOrWhiteSpace(input.AudioReason))
        {
            errors.Add(prefix + "audioReason", "Ljudupptagning är avstängd om inte ett skriftligt skäl anges. Ange skälet eller stäng av ljudet.");
        }
    }
}
