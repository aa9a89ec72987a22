using Bra.Core.Validation;
using System.Linq.Expressions;
using Bra.Core.Email;
using Bra.Core.Time;
using FluentValidation;
using FluentValidation.Results;

namespace Bra.Core.Agreements;

/// <summary>The rules of an agreement's input, one validator per input type; messages in Swedish, field names as in the JSON.</summary>
public static class AgreementRules
{
    public const int MaxSigners = 50;
    public const int MaxCc = 20;
    public const int MaxName = 200;
    public const int MaxReason = 2000;

    /// <summary>The consent text a signer ticks; its version is recorded with every signature.</summary>
    public const string ConsentText = "Jag har läst och godkänner överenskommelsen";
    public const string ConsentVersion = "sv-1";

    public static Dictionary<string, string[]> Errors(ValidationResult result) => result.ByField();

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(EmailAddress.IsValid).WithMessage("Ange en giltig e-postadress, till exempel namn@example.se.");

    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int max, string what, bool required)
    {
        var checkedRule = rule.Must(v => v is null || v.Trim().Length <= max).WithMessage($"{what} får vara högst {max} tecken.");
        return required ? checkedRule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"Ange {what.ToLowerInvariant()}.") : checkedRule;
    }

    /// <summary>The expiry field's label on the new-agreement form; its errors begin with it.</summary>
    public const string ExpiryLabel = "Sista dag att underteckna";

    /// <summary>A date means 23:59 Swedish time that day (see <see cref="SwedishTime.ParseDeadline"/>).</summary>
    public static DateTimeOffset? ParseExpiry(string? text) =>
        SwedishTime.ParseDeadline(text);
}

/// <summary>A signer's own fields, the same for a new agreement's signer and a replacement (whose organisation may be left out).</summary>
public abstract class SignerFieldsValidator<T> : AbstractValidator<T>
{
    protected SignerFieldsValidator(Expression<Func<T, string?>> name, Expression<Func<T, string?>> email, Expression<Func<T, string?>> organisation,
        Expression<Func<T, string?>> title, bool organisationRequired)
    {
        RuleFor(name).Text(AgreementRules.MaxName, "Namnet", required: true).OverridePropertyName("name");
        RuleFor(email).Email().OverridePropertyName("email");
        RuleFor(organisation).Text(AgreementRules.MaxName, "Organisationen", organisationRequired).OverridePropertyName("organisation");
        RuleFor(title).Text(AgreementRules.MaxName, "Titeln", required: false).OverridePropertyName("title");
    }
}

public sealed class SignerInputValidator()
    : SignerFieldsValidator<SignerInput>(x => x.Name, x => x.Email, x => x.Organisation, x => x.Title, organisationRequired: true);

/// <summary>A new agreement. The document lookup is done by the caller (it needs storage); here only the shape.</summary>
public sealed class CreateAgreementValidator : AbstractValidator<CreateAgreementInput>
{
    public CreateAgreementValidator(TimeProvider time)
    {
        RuleFor(x => x.Title).Text(300, "Rubriken", required: true).OverridePropertyName("title");
        RuleFor(x => x.CaseNumber).Text(100, "Diarienumret", required: false).OverridePropertyName("caseNumber");
        RuleFor(x => x.Message).Text(5000, "Meddelandet", required: false).OverridePropertyName("message");
        RuleFor(x => x.DocumentId).Must(v => !string.IsNullOrWhiteSpace(v))
            .WithMessage("Ange id för dokumentet som ska undertecknas (ladda upp det först med POST /api/documents).").OverridePropertyName("documentId");
        RuleFor(x => x.Order).Must(v => v is null or "parallel" or "sequential")
            .WithMessage("Ange ordning: \"parallel\" (alla samtidigt) eller \"sequential\" (en i taget).").OverridePropertyName("order");
        RuleFor(x => x.ExpiresAt).Must(v => v is null || AgreementRules.ParseExpiry(v) is not null)
            .WithMessage((_, v) => DateInput.Error(AgreementRules.ExpiryLabel, DateInput.Read(v), SwedishTime.Today(time)))
            .Must(v => AgreementRules.ParseExpiry(v) is not { } at || at > time.GetUtcNow())
            .WithMessage((_, v) => $"{AgreementRules.ExpiryLabel}: {SwedishTime.Format(AgreementRules.ParseExpiry(v)!.Value)} har redan passerat. Välj ett senare datum, till exempel {DateInput.Example(SwedishTime.Today(time))}.")
            .OverridePropertyName("expiresAt");
        RuleFor(x => x.Signers).Must(s => s is { Count: > 0 and <= AgreementRules.MaxSigners })
            .WithMessage($"Ange mellan 1 och {AgreementRules.MaxSigners} undertecknare.")
            .Must(s => s is null || s.Where(x => EmailAddress.IsValid(x?.Email)).GroupBy(x => EmailAddress.Normalize(x!.Email!)).All(g => g.Count() == 1))
            .WithMessage("Varje undertecknare ska ha en egen e-postadress; samma adress förekommer flera gånger.").OverridePropertyName("signers");
        RuleForEach(x => x.Signers).NotNull().WithMessage("Undertecknaren saknar uppgifter.").SetValidator(new SignerInputValidator()!).OverridePropertyName("signers");
        RuleFor(x => x.Cc).Must(c => c is null || c.Count <= AgreementRules.MaxCc)
            .WithMessage($"Högst {AgreementRules.MaxCc} kopiemottagare.").OverridePropertyName("cc");
        RuleForEach(x => x.Cc).Email().OverridePropertyName("cc");
    }
}

public sealed class CancelAgreementValidator : AbstractValidator<CancelAgreementInput>
{
    public CancelAgreementValidator() =>
        RuleFor(x => x.Reason).Text(AgreementRules.MaxReason, "Skälet", required: true).OverridePropertyName("reason");
}

public sealed class ReplaceSignerValidator()
    : SignerFieldsValidator<ReplaceSignerInput>(x => x.Name, x => x.Email, x => x.Organisation, x => x.Title, organisationRequired: false);

/// <summary>The signing form: the typed full name and the ticked consent.</summary>
public sealed class SignFormValidator : AbstractValidator<SignForm>
{
    public SignFormValidator()
    {
        RuleFor(x => x.TypedName).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length >= 2)
            .WithMessage("Skriv ditt fullständiga namn för att underteckna.")
            .Must(v => v is null || v.Trim().Length <= AgreementRules.MaxName).WithMessage($"Namnet får vara högst {AgreementRules.MaxName} tecken.")
            .OverridePropertyName("typedName");
        RuleFor(x => x.Consent).Equal(true).WithMessage($"Kryssa i rutan \"{AgreementRules.ConsentText}\" för att underteckna.").OverridePropertyName("consent");
    }
}

public sealed class DeclineFormValidator : AbstractValidator<DeclineForm>
{
    public DeclineFormValidator() =>
        RuleFor(x => x.Reason).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Ange varför du avböjer att underteckna.")
            .Must(v => v is null || v.Trim().Length <= AgreementRules.MaxReason).WithMessage($"Skälet får vara högst {AgreementRules.MaxReason} tecken.")
            .OverridePropertyName("reason");
}
