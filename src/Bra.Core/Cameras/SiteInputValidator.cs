using Bra.Core.Documents;
using Bra.Core.People;
using FluentValidation;
using static Bra.Core.Cameras.CameraRuleExtensions;

namespace Bra.Core.Cameras;

/// <summary>A site as posted (create or full replacement): its fields, the lookups of unit, people and documents, its state and legal basis.</summary>
public sealed class SiteInputValidator : AbstractValidator<SiteInput>
{
    public SiteInputValidator(PeopleStore people, DocumentStore documents)
    {
        var legalBasis = new LegalBasisValidator(documents);
        const int max = CameraValidator.MaxText;

        RuleFor(x => x.Name).Required("Ange platsens namn.").MaxLength(200).OverridePropertyName("name");
        RuleFor(x => x.PlaceDescription).MaxLength(max).OverridePropertyName("placeDescription");
        RuleFor(x => x.Kind).Must(k => k is { } kind && Enum.IsDefined(kind))
            .WithMessage("Ange typ av plats: schoolIndoor, schoolOutdoor, publicPlace eller other.").OverridePropertyName("kind");
        RuleFor(x => x.UnitId).Cascade(CascadeMode.Stop)
            .Required("Ange ansvarig enhet (id från personregistret).")
            .MustAsync(async (id, ct) => await people.GetUnitAsync(id!, ct) is not null)
            .WithMessage("Enheten finns inte i personregistret. Välj en befintlig enhet.").OverridePropertyName("unitId");
        RuleFor(x => x.Purpose).Required("Ange syftet med kamerabevakningen.").MaxLength(max).OverridePropertyName("purpose");
        RuleFor(x => x.MonitoringHours).MaxLength(500).OverridePropertyName("monitoringHours");

        RuleFor(x => x.RetentionHours).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"Ange lagringstid i timmar (tumregeln är {CameraValidator.RuleOfThumbRetentionHours}).")
            .Must(h => h is >= 1 and <= CameraValidator.MaxRetentionHours)
            .WithMessage($"Lagringstiden ska vara mellan 1 och {CameraValidator.MaxRetentionHours} timmar.").OverridePropertyName("retentionHours");
        RuleFor(x => x.RetentionReason).Must(Given)
            .When(x => x.RetentionHours is > CameraValidator.RuleOfThumbRetentionHours and <= CameraValidator.MaxRetentionHours)
            .WithMessage($"Lagringstid över {CameraValidator.RuleOfThumbRetentionHours} timmar kräver en skriftlig motivering. Ange skälet eller korta lagringstiden.")
            .OverridePropertyName("retentionReason");
        RuleFor(x => x.RetentionReason).MaxLength(max).OverridePropertyName("retentionReason");

        RuleFor(x => x.AccessPolicy).Cascade(CascadeMode.Stop)
            .Must(p => p is { } policy && Enum.IsDefined(policy))
            .WithMessage("Ange åtkomstregel: principalAndManager eller namedOperators.")
            .Must((site, policy) => !IsSchool(site) || policy == AccessPolicy.PrincipalAndManager)
            .WithMessage("På en skola får bara rektor och rektors chef ha tillgång till materialet (principalAndManager).").OverridePropertyName("accessPolicy");
        When(x => x.AccessPolicy == AccessPolicy.NamedOperators && !IsSchool(x), () =>
            RuleFor(x => x.Operators).Cascade(CascadeMode.Stop)
                .Must(o => o is { Count: > 0 }).WithMessage("Ange minst en namngiven operatör (person-id) när åtkomsten är namedOperators.")
                .Must(o => o!.Count <= CameraValidator.MaxOperators).WithMessage($"Högst {CameraValidator.MaxOperators} namngivna operatörer per plats.")
                .CustomAsync(async (operators, context, ct) =>
                {
                    foreach (var id in operators!)
                    {
                        if (string.IsNullOrWhiteSpace(id) || await people.GetPersonAsync(id, ct) is null)
                        {
                            context.AddFailure("operators", $"Operatören '{id}' finns inte i personregistret.");
                        }
                    }
                }));

        RuleFor(x => x.ResponsiblePersonId).MustAsync(async (id, ct) => await people.GetPersonAsync(id!, ct) is not null)
            .When(x => x.ResponsiblePersonId is { Length: > 0 })
            .WithMessage("Den ansvariga personen finns inte i personregistret.").OverridePropertyName("responsiblePersonId");
        RuleFor(x => x.ImpactAssessmentDocumentId).MustAsync(async (id, ct) => await documents.GetAsync(id!, ct) is not null)
            .When(x => x.ImpactAssessmentDocumentId is { Length: > 0 })
            .WithMessage("Konsekvensbedömningen finns inte bland dokumenten. Ladda upp den först och ange dess id.").OverridePropertyName("impactAssessmentDocumentId");

        RuleFor(x => x.State).Must(s => s is { } state && Enum.IsDefined(state))
            .WithMessage("Ange läge: planned, active eller ended.").OverridePropertyName("state");
        When(x => x.State is { } state && Enum.IsDefined(state), () =>
        {
            RuleFor(x => x.StartedOn).NotNull().When(x => x.State is SiteState.Active or SiteState.Ended)
                .WithMessage("Ange när bevakningen startade.").OverridePropertyName("startedOn");
            RuleFor(x => x.EndedOn).NotNull().When(x => x.State == SiteState.Ended)
                .WithMessage("Ange när bevakningen avslutades.").OverridePropertyName("endedOn");
            RuleFor(x => x.EndedOn).Null().When(x => x.State != SiteState.Ended)
                .WithMessage("Slutdatum anges bara för en avslutad plats (state ended).").OverridePropertyName("endedOn");
            RuleFor(x => x.EndedOn).Must((site, end) => end >= site.StartedOn).When(x => x.StartedOn is not null && x.EndedOn is not null)
                .WithMessage("Slutdatum kan inte ligga före startdatum.").OverridePropertyName("endedOn");
        });

        RuleFor(x => x.LegalBasis).CustomAsync(async (basis, context, ct) =>
        {
            if (basis is not null)
            {
                CameraValidator.AddNested(context, "legalBasis.", await legalBasis.ValidateAsync(basis, ct));
            }
            else if (context.InstanceToValidate.State == SiteState.Active)
            {
                context.AddFailure("legalBasis", "En aktiv plats måste ha en rättslig grund: ett IMY-tillstånd eller kommunens egen dokumenterade bedömning.");
            }
        });

        RuleFor(x => x.Cameras).Must(c => c is null || c.Count <= CameraValidator.MaxCameras)
            .WithMessage($"Högst {CameraValidator.MaxCameras} kameror per plats. Dela upp platsen i flera.").OverridePropertyName("cameras");
        RuleFor(x => x.Cameras).Custom((cameras, context) =>
        {
            for (var i = 0; i < (cameras?.Count ?? 0); i++)
            {
                CameraValidator.AddNested(context, $"cameras[{i}].", CameraInputValidator.Instance.Validate(cameras![i]));
            }
        });
    }

    private static bool IsSchool(SiteInput site) => site.Kind is SiteKind.SchoolIndoor or SiteKind.SchoolOutdoor;
}
