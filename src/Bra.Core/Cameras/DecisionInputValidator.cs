using FluentValidation;
using static Bra.Core.Cameras.CameraRuleExtensions;

namespace Bra.Core.Cameras;

/// <summary>A decision with the request it decides and the Swedish date of today (a decision cannot be dated in the future).</summary>
public sealed record DecisionOnRequest(DecisionInput Decision, CameraRequest Request, DateOnly Today)
{
    public DateOnly DecidedOn => Decision.DecidedOn ?? Today;
}

/// <summary>A decision on a change request: approval needs a reference (and a validity for new surveillance or an extension), rejection a reason.</summary>
public sealed class DecisionInputValidator : AbstractValidator<DecisionOnRequest>
{
    public static readonly DecisionInputValidator Instance = new();

    public DecisionInputValidator()
    {
        RuleFor(x => x.Decision.Outcome).Must(o => o is { } outcome && Enum.IsDefined(outcome))
            .WithMessage("Välj om ärendet beviljas (approved) eller avslås (rejected).").OverridePropertyName("outcome");
        RuleFor(x => x.Decision.DecidedBy).Required("Ange vem som fattade beslutet.").MaxLength(200).OverridePropertyName("decidedBy");
        RuleFor(x => x.Decision.Reference).MaxLength(200).OverridePropertyName("reference");
        RuleFor(x => x.Decision.Conditions).MaxLength(CameraValidator.MaxText).OverridePropertyName("conditions");
        RuleFor(x => x.Decision.Reason).MaxLength(CameraValidator.MaxText).OverridePropertyName("reason");
        RuleFor(x => x.DecidedOn).Must((x, decidedOn) => decidedOn <= x.Today)
            .WithMessage("Beslutsdatum kan inte ligga i framtiden.").OverridePropertyName("decidedOn");

        When(x => x.Decision.Outcome == DecisionOutcome.Approved, () =>
        {
            RuleFor(x => x.Decision.Reference).Required("Ange beslutets diarienummer eller referens.").OverridePropertyName("reference");
            RuleFor(x => x.Decision.ValidUntil).NotNull().When(x => x.Request.Kind is RequestKind.New or RequestKind.Extension)
                .WithMessage("Ange till och med vilket datum beslutet gäller.").OverridePropertyName("validUntil");
            RuleFor(x => x.Decision.ValidUntil).Must((x, until) => until > x.DecidedOn).When(x => x.Decision.ValidUntil is not null)
                .WithMessage("Giltig till måste ligga efter beslutsdatumet.").OverridePropertyName("validUntil");
        });
        When(x => x.Decision.Outcome == DecisionOutcome.Rejected, () =>
            RuleFor(x => x.Decision.Reason).Required("Ange skälet till avslaget.").OverridePropertyName("reason"));
    }
}
