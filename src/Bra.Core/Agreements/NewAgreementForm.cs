using Microsoft.AspNetCore.Http;
using System.Text.RegularExpressions;
using Bra.Core.Pages;

namespace Bra.Core.Agreements;

/// <summary>
/// What was typed into <c>/staff/agreements/new</c>, kept as text so that a page with errors shows it again as it was.
/// <see cref="DocumentId"/> is the document stored by an earlier post of the same form (a browser cannot re-send a file),
/// <see cref="SendKey"/> makes a repeated "Skicka" start one agreement only.
/// </summary>
public sealed partial record NewAgreementForm(
    string Title, string CaseNumber, string Signers, string Order, string ExpiresAt, string Message, string Cc, string? DocumentId, string SendKey)
{
    /// <summary>The form's fields in page order; errors are listed in this order.</summary>
    public static readonly IReadOnlyList<string> Fields = ["file", "title", "caseNumber", "signers", "order", "expiresAt", "message", "cc"];

    public static NewAgreementForm Blank(DateOnly defaultExpiry) =>
        new("", "", "", "parallel", defaultExpiry.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "", "", null, NewSendKey());

    public static NewAgreementForm Read(IFormCollection form)
    {
        string Text(string name) => form[name].ToString();
        var key = Text("sendKey");
        var documentId = Text("documentId").Trim();
        return new(Text("title"), Text("caseNumber"), Text("signers"), Text("order"), Text("expiresAt"), Text("message"), Text("cc"),
            documentId.Length > 0 ? documentId : null, AgreementStore.IsId(key) && key.Length == 32 ? key : NewSendKey());
    }

    public PastedPeopleResult People() => PastedPeople.Parse(Signers, withTitle: true);

    /// <summary>Copy addresses as typed: separated by commas, semicolons, spaces or line breaks.</summary>
    public IReadOnlyList<string> CcAddresses() => Separators().Split(Cc).Where(a => a.Length > 0).ToList();

    /// <summary>The input the service takes: the signers that could be read, in pasted order.</summary>
    public CreateAgreementInput Input(string? documentId, PastedPeopleResult people) => new(
        Title, CaseNumber, documentId,
        people.People.Select(p => (SignerInput?)new SignerInput(p.Name, p.Email, p.Organisation, p.Title)).ToList(),
        Order.Length == 0 ? null : Order, ExpiresAt.Length == 0 ? null : ExpiresAt, Message, CcAddresses().Select(a => (string?)a).ToList());

    /// <summary>
    /// The page's errors by field, in form order: the file's, every wrong pasted line by its number, and the service's
    /// field errors mapped to the form (a signer's by the line it was pasted on, a copy address by the address).
    /// The service's count and duplicate checks on signers are left out while lines are wrong (the lines say more).
    /// </summary>
    public Dictionary<string, string[]> Errors(string? fileError, PastedPeopleResult people, IReadOnlyDictionary<string, string[]> serviceErrors)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!found.TryGetValue(field, out var list))
            {
                found[field] = list = [];
            }

            if (!list.Contains(message, StringComparer.Ordinal))
            {
                list.Add(message);
            }
        }

        if (fileError is not null)
        {
            Add("file", fileError);
        }

        foreach (var line in people.Errors)
        {
            Add("signers", line.Line > 0 ? $"Rad {line.Line}: {line.Message}" : line.Message);
        }

        var cc = CcAddresses();
        foreach (var (key, messages) in serviceErrors)
        {
            foreach (var message in messages)
            {
                switch (key)
                {
                    case "documentId":
                        if (fileError is null)
                        {
                            Add("file", "Dokumentet kunde inte hittas. Välj filen igen.");
                        }

                        break;
                    case "signers":
                        if (people.Errors.Count == 0)
                        {
                            Add("signers", message);
                        }

                        break;
                    default:
                        if (SignerKey().Match(key) is { Success: true } signer && int.Parse(signer.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i
                            && i < people.People.Count)
                        {
                            Add("signers", $"Rad {people.People[i].Line}: {message}");
                        }
                        else if (CcKey().Match(key) is { Success: true } copy && int.Parse(copy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var j
                            && j < cc.Count)
                        {
                            Add("cc", $"{cc[j]}: {message}");
                        }
                        else
                        {
                            Add(Fields.Contains(key) ? key : key.StartsWith("cc", StringComparison.Ordinal) ? "cc" : "signers", message);
                        }

                        break;
                }
            }
        }

        return Fields.Where(found.ContainsKey).ToDictionary(f => f, f => found[f].ToArray(), StringComparer.Ordinal);
    }

    private static string NewSendKey() => Guid.NewGuid().ToString("N");

    [GeneratedRegex(@"[,;\s]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^signers\[(\d+)\]")]
    private static partial Regex SignerKey();

    [GeneratedRegex(@"^cc\[(\d+)\]$")]
    private static partial Regex CcKey();
}
