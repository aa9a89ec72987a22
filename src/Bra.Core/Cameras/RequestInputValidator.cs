using Bra.Core.Documents;
using FluentValidation;
using static Bra.Core.Cameras.CameraRuleExtensions;

namespace Bra.Core.Cameras;

/// <summary>A change request with the site it is made on (the rules depend on the site's cameras and state).</summary>
public sealed record RequestOnSite(RequestInput Request, CameraSite Site);

/// <summary>A change request: its kind, justification and period, the assessment document (it must exist), the cameras it adds or removes.</summary>
public sealed class RequestInputValidator : AbstractValidator<RequestOnSite>
{
    public RequestInputValidator(DocumentStore documents)
    {
        const int max = CameraValidator.MaxText;
        RuleFor(x => x.Request.Kind).Must(k => k is { } kind && Enum.IsDefined(kind))
            .WithMessage("Ange typ av ärende: new, extension, expansion, reduction eller termination.").OverridePropertyName("kind");
        RuleFor(x => x.Request.Justification).Required("Ange motiveringen till ärendet.").MaxLength(max).OverridePropertyName("justification");
        RuleFor(x => x.Request.AffectedArea).MaxLength(max).OverridePropertyName("affectedArea");
        RuleFor(x => x.Request.RequestedPeriod).Must(p => !(p is { From: { } from, To: { } to } && to < from))
            .WithMessage("Periodens slut kan inte ligga före dess början.").OverridePropertyName("requestedPeriod.to");

        RuleFor(x => x.Request.AssessmentDocumentId).Must(Given).When(x => x.Request.Kind is RequestKind.New or RequestKind.Extension or RequestKind.Expansion)
            .WithMessage("Ange den dokumenterade intresseavvägningen (dokument-id) som beslutet ska grunda sig på.").OverridePropertyName("assessmentDocumentId");
        RuleFor(x => x.Request.AssessmentDocumentId).MustAsync(async (id, ct) => await documents.GetAsync(id!, ct) is not null)
            .When(x => x.Request.AssessmentDocumentId is { Length: > 0 })
            .WithMessage("Dokumentet finns inte. Ladda upp bedömningen först och ange dess id.").OverridePropertyName("assessmentDocumentId");

        RuleFor(x => x.Request.AddCameras).Must((x, add) => add is { Count: > 0 } || Given(x.Request.AffectedArea))
            .When(x => x.Request.Kind == RequestKind.Expansion)
            .WithMessage("Ange vilka kameror eller vilket område utökningen gäller.").OverridePropertyName("addCameras");
        RuleFor(x => x).Must(x => CamerasAfter(x) <= CameraValidator.MaxCameras)
            .WithMessage(x => $"Platsen får ha högst {CameraValidator.MaxCameras} kameror (nu {x.Site.Cameras.Count}).").OverridePropertyName("addCameras");
        RuleFor(x => x.Request.AddCameras).Custom((add, context) =>
        {
            for (var i = 0; i < (add?.Count ?? 0); i++)
            {
                CameraValidator.AddNested(context, $"addCameras[{i}].", CameraInputValidator.Instance.Validate(add![i]));
            }
        });

        RuleFor(x => x.Request.RemoveCameraIds).Must(remove => remove is { Count: > 0 }).When(x => x.Request.Kind == RequestKind.Reduction)
            .WithMessage("Ange vilka kameror som ska tas bort.").OverridePropertyName("removeCameraIds");
        RuleFor(x => x.Request.RemoveCameraIds).Custom((remove, context) =>
        {
            foreach (var id in (remove ?? []).Where(id => context.InstanceToValidate.Site.Cameras.All(c => c.Id != id)))
            {
                context.AddFailure("removeCameraIds", $"Kameran '{id}' finns inte på platsen.");
            }
        });

        RuleFor(x => x.Site.State).NotEqual(SiteState.Ended)
            .WithMessage("Platsen är avslutad; ett nytt ärende kan inte läggas på den.").OverridePropertyName("siteId");
        RuleFor(x => x.Site.State).Equal(SiteState.Planned).When(x => x.Site.State != SiteState.Ended && x.Request.Kind == RequestKind.New)
            .WithMessage("Ärendet 'new' gäller en planerad plats; platsen är redan aktiv.").OverridePropertyName("kind");
    }

    private static int CamerasAfter(RequestOnSite x)
    {
        var remove = x.Request.RemoveCameraIds ?? [];
        return x.Site.Cameras.Count + (x.Request.AddCameras ?? []).Count - x.Site.Cameras.Count(c => remove.Contains(c.Id));
    }
}
