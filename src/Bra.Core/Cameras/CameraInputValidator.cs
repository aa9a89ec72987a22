using FluentValidation;
using static Bra.Core.Cameras.CameraRuleExtensions;

namespace Bra.Core.Cameras;

/// <summary>A camera as posted: alone, in a site, or in an expansion request. No lookups.</summary>
public sealed class CameraInputValidator : AbstractValidator<CameraInput>
{
    public static readonly CameraInputValidator Instance = new();

    public CameraInputValidator()
    {
        RuleFor(x => x.Label).Required("Ange kamerans beteckning.").MaxLength(200).OverridePropertyName("label");
        RuleFor(x => x.Placement).MaxLength(CameraValidator.MaxText).OverridePropertyName("placement");
        RuleFor(x => x.FieldOfView).MaxLength(CameraValidator.MaxText).OverridePropertyName("fieldOfView");
        RuleFor(x => x.AudioReason).MaxLength(CameraValidator.MaxText).OverridePropertyName("audioReason");
        RuleFor(x => x.AudioReason).Must(Given).When(x => x.AudioRecording == true)
            .WithMessage("Ljudupptagning är avstängd om inte ett skriftligt skäl anges. Ange skälet eller stäng av ljudet.").OverridePropertyName("audioReason");
    }
}
