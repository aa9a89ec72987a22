using Bra.Core.Documents;
using FluentValidation;
using static Bra.Core.Cameras.CameraRuleExtensions;

namespace Bra.Core.Cameras;

/// <summary>A site's legal basis: an IMY permit or the municipality's own documented assessment (the document must exist).</summary>
public sealed class LegalBasisValidator : AbstractValidator<LegalBasis>
{
    public LegalBasisValidator(DocumentStore documents)
    {
        RuleFor(x => x.Type).Must(t => t is { } type && Enum.IsDefined(type))
            .WithMessage("Ange typ av rättslig grund: imyPermit eller ownAssessment.").OverridePropertyName("type");

        When(x => x.Type == LegalBasisType.ImyPermit, () =>
        {
            RuleFor(x => x.DecisionNumber).Required("Ange IMY:s diarienummer för tillståndet.").OverridePropertyName("decisionNumber");
            RuleFor(x => x.DecidedOn).NotNull().WithMessage("Ange datum för IMY:s beslut.").OverridePropertyName("decidedOn");
            RuleFor(x => x.ValidUntil).NotNull().WithMessage("Ange till och med vilket datum tillståndet gäller.").OverridePropertyName("validUntil");
        });

        When(x => x.Type == LegalBasisType.OwnAssessment, () =>
        {
            RuleFor(x => x.AssessmentDocumentId).Cascade(CascadeMode.Stop)
                .Required("Ange den dokumenterade intresseavvägningen (dokument-id).")
                .MustAsync(async (id, ct) => await documents.GetAsync(id!, ct) is not null)
                .WithMessage("Bedömningsdokumentet finns inte. Ladda upp det först och ange dess id.").OverridePropertyName("assessmentDocumentId");
            RuleFor(x => x.DecisionReference).Required("Ange beslutets diarienummer eller referens.").OverridePropertyName("decisionReference");
            RuleFor(x => x.DecidedBy).Required("Ange vem som fattade beslutet.").OverridePropertyName("decidedBy");
            RuleFor(x => x.DecidedOn).NotNull().WithMessage("Ange beslutsdatum.").OverridePropertyName("decidedOn");
            RuleFor(x => x.ValidUntil).Must((basis, until) => until is not null || basis.ReviewDate is not null)
                .WithMessage("Ange giltig till eller ett datum för omprövning (reviewDate).").OverridePropertyName("validUntil");
            RuleFor(x => x.ReviewDate).Must((basis, review) => review > basis.DecidedOn).When(x => x.ReviewDate is not null && x.DecidedOn is not null)
                .WithMessage("Omprövningsdatum måste ligga efter beslutsdatumet.").OverridePropertyName("reviewDate");
        });

        When(x => x.Type is { } type && Enum.IsDefined(type), () =>
        {
            RuleFor(x => x.ValidUntil).Must((basis, until) => until > basis.DecidedOn).When(x => x.ValidUntil is not null && x.DecidedOn is not null)
                .WithMessage("Giltig till måste ligga efter beslutsdatumet.").OverridePropertyName("validUntil");
            RuleFor(x => x.DecisionNumber).MaxLength(200).OverridePropertyName("decisionNumber");
            RuleFor(x => x.DecisionReference).MaxLength(200).OverridePropertyName("decisionReference");
            RuleFor(x => x.DecidedBy).MaxLength(200).OverridePropertyName("decidedBy");
            RuleFor(x => x.AssessmentDocumentId).MaxLength(64).OverridePropertyName("assessmentDocumentId");
            RuleFor(x => x.Conditions).MaxLength(CameraValidator.MaxText).OverridePropertyName("conditions");
        });
    }
}
