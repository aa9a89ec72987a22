using Bra.Core.Validation;
using Bra.Core.Consultations;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Time;
using Microsoft.Extensions.Time.Testing;

namespace Bra.UnitTests.Consultations;

/// <summary>
/// The consultation validators' rules, one test per rule, with the field names and Swedish messages the API's problem
/// documents and the staff pages show. No storage: the document lookup is only reached for an id that cannot be a key.
/// </summary>
public sealed class ConsultationValidatorsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Time = new(Now);

    private static Dictionary<string, string[]> Answer(string? position, string? comments, string? name = "Namn", string? role = null) =>
        new AnswerInputValidator().Validate(new AnswerInput(position, comments, name, role)).ByField();

    private static CreateConsultationInput Create(string? title = "Remiss", string? deadline = "2026-12-01", List<ConsulteeInput?>? consultees = null,
        List<string?>? reminders = null, string? documentId = "", string? caseNumber = null, string? message = null) =>
        new(title, caseNumber, documentId, deadline, message, consultees ?? [new ConsulteeInput("Anna", "anna@example.org", null)], reminders);

    /// <summary>The errors other than <c>documentId</c> (left blank so no store is asked).</summary>
    private static async Task<Dictionary<string, string[]>> CreateErrors(CreateConsultationInput input)
    {
        var errors = (await new CreateConsultationValidator(new DocumentStore(null!, Time), new ConsulteeInputValidator(), Time).ValidateAsync(input)).ByField();
        errors.Remove("documentId");
        return errors;
    }

    private static async Task<Dictionary<string, string[]>> AddErrors(List<ConsulteeInput?>? consultees, params Consultee[] existing) =>
        (await new AddConsulteesValidator(new ConsulteeInputValidator()).ValidateAsync(ValidationContexts.Changing(new AddConsulteesInput(consultees), (IReadOnlyCollection<Consultee>)existing))).ByField();

    private static List<ConsulteeInput?> People(params string[] emails) => [.. emails.Select((e, i) => new ConsulteeInput($"N{i}", e, "Org"))];

    [Fact]
    public void AnswerInputValidator_NoObjectionWithoutComments_ValidAndStoredWithoutComments()
    {
        var input = new AnswerInput("noObjection", "", " Namn ", " ");
        Assert.True(new AnswerInputValidator().Validate(input).IsValid);
        Assert.Equal(new AnswerDraft(Position.NoObjection, null, "Namn", null), input.ToDraft());
    }

    [Fact]
    public void AnswerInputValidator_CommentsWithWindowsLineBreaks_StoredWithNewlinesTrimmed()
    {
        Assert.Equal("Rad 1\nRad 2", new AnswerInput("opposes", "  Rad 1\r\nRad 2 \r\n", "Namn", null).ToDraft().Comments);
    }

    [Theory]
    [InlineData("supports")]
    [InlineData("supportsWithComments")]
    [InlineData("opposes")]
    public void AnswerInputValidator_OtherPositionsWithoutComments_CommentsRequired(string position)
    {
        Assert.Equal(["Skriv era synpunkter. Synpunkter krävs utom när ni inte har något att invända."], Answer(position, " ")["comments"]);
    }

    [Fact]
    public void AnswerInputValidator_UnknownPosition_PositionErrorOnly()
    {
        var errors = Answer("maybe", "x");
        Assert.Equal(["position"], errors.Keys);
        Assert.Contains("tillstyrker med synpunkter", errors["position"][0]);
    }

    [Fact]
    public void AnswerInputValidator_NothingGiven_PositionAndNameNamed()
    {
        var errors = Answer("", "", "");
        Assert.Equal(["position", "respondentName"], errors.Keys.Order());
        Assert.Equal(["Ange namnet på den som svarar."], errors["respondentName"]);
    }

    [Fact]
    public void AnswerInputValidator_Exactly20000Characters_Valid_20001_RefusedWithLength()
    {
        Assert.Empty(Answer("opposes", new string('x', 20_000)));
        Assert.Equal(["Synpunkterna får vara högst 20000 tecken (nu 20001). Korta texten eller bifoga en fil."], Answer("opposes", new string('x', 20_001))["comments"]);
    }

    [Fact]
    public void AnswerInputValidator_NameAndRoleOver200_EachNamed()
    {
        var errors = Answer("noObjection", null, new string('n', 201), new string('r', 201));
        Assert.Equal(["Namnet på den som svarar får vara högst 200 tecken."], errors["respondentName"]);
        Assert.Equal(["Rollen för den som svarar får vara högst 200 tecken."], errors["respondentRole"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_Valid_NoErrors()
    {
        Assert.Empty(await CreateErrors(Create()));
    }

    [Fact]
    public async Task CreateConsultationValidator_BlankTitle_TitleAskedFor()
    {
        Assert.Equal(["Ange en rubrik för remissen."], (await CreateErrors(Create(title: "  ")))["title"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_TextsOverTheirMaximum_EachNamed()
    {
        var errors = await CreateErrors(Create(title: new string('t', 301), caseNumber: new string('c', 101), message: new string('m', 5001)));
        Assert.Equal(["En rubrik för remissen får vara högst 300 tecken."], errors["title"]);
        Assert.Equal(["Diarienumret får vara högst 100 tecken."], errors["caseNumber"]);
        Assert.Equal(["Meddelandet får vara högst 5000 tecken."], errors["message"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_DeadlineInPast_SaysItHasPassed()
    {
        var deadline = Now.AddMinutes(-1);
        Assert.Equal([$"Sista svarsdag: {SwedishTime.Format(deadline)} har redan passerat. Välj ett senare datum, till exempel 2026-12-02."],
            (await CreateErrors(Create(deadline: deadline.ToString("O"))))["deadline"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_DeadlineNotADate_SaysFormat()
    {
        Assert.Equal(["Sista svarsdag: ”nästa fredag” är inget datum som går att läsa. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-02."],
            (await CreateErrors(Create(deadline: "nästa fredag")))["deadline"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_AmbiguousSlashDate_RefusedNotReadAsJanuary()
    {
        Assert.Equal(["Sista svarsdag: ”1/2/2027” kan läsas både som 1 februari 2027 (2027-02-01) och 2 januari 2027 (2027-01-02). Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-02."],
            (await CreateErrors(Create(deadline: "1/2/2027")))["deadline"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_DuplicateEmailsIgnoringCase_SecondNamesTheAddress()
    {
        var errors = await CreateErrors(Create(consultees: People("dup@example.org", "DUP@example.org")));
        Assert.Equal(["consultees[1].email"], errors.Keys);
        Assert.Equal(["E-postadressen DUP@example.org förekommer mer än en gång. Varje remissinstans ska ha en egen adress."], errors["consultees[1].email"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_InvalidEmail_AsksForValidAddress()
    {
        var errors = await CreateErrors(Create(consultees: People("inte-en-adress")));
        Assert.Equal(["consultees[0].email"], errors.Keys);
        Assert.Contains("giltig e-postadress", errors["consultees[0].email"][0]);
    }

    [Fact]
    public async Task CreateConsultationValidator_ConsulteeWithoutNameAndTooLongOrganisation_EachFieldByIndex()
    {
        var errors = await CreateErrors(Create(consultees: [new ConsulteeInput("Anna", "a@example.org", null), new ConsulteeInput(" ", "b@example.org", new string('o', 201)), null]));
        Assert.Equal(["Ange remissinstansens namn."], errors["consultees[1].name"]);
        Assert.Equal(["Organisation får vara högst 200 tecken."], errors["consultees[1].organisation"]);
        Assert.Equal(["Ange namn och e-postadress."], errors["consultees[2]"]);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public async Task CreateConsultationValidator_NoConsultees_AsksForOne()
    {
        Assert.Equal(["Ange minst en remissinstans (namn och e-postadress)."], (await CreateErrors(Create(consultees: [])))["consultees"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_ThousandUnique_Valid()
    {
        Assert.Empty(await CreateErrors(Create(consultees: People([.. Enumerable.Range(0, 1000).Select(i => $"n{i}@example.org")]))));
    }

    [Fact]
    public async Task CreateConsultationValidator_MoreThanTheCap_OnlyTheListNamed()
    {
        var errors = await CreateErrors(Create(consultees: People([.. Enumerable.Range(0, ConsultationRules.MaxConsultees + 1).Select(_ => "samma@example.org")])));
        Assert.Equal(["consultees"], errors.Keys);
        Assert.Equal(["Högst 5000 remissinstanser per remiss."], errors["consultees"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_BadReminderOffset_ShowsExample()
    {
        Assert.Contains("\"PT20S\"", Assert.Single((await CreateErrors(Create(reminders: ["7 dagar"])))["reminders[0]"]));
    }

    [Theory]
    [InlineData("P3000000D")]
    [InlineData("P366D")]
    [InlineData("PT8785H")]
    public async Task CreateConsultationValidator_ReminderOffsetOverAYear_ErrorNamesTheField(string offset)
    {
        var errors = await CreateErrors(Create(reminders: ["P7D", offset]));
        Assert.Equal(["reminders[1]"], errors.Keys);
        Assert.Contains("högst 365 dagar", errors["reminders[1]"][0]);
    }

    [Fact]
    public async Task CreateConsultationValidator_ElevenReminders_CountRefusedNoneByIndex()
    {
        var errors = await CreateErrors(Create(reminders: [.. Enumerable.Range(1, 10).Select(i => $"P{i}D"), "fel"]));
        Assert.Equal(["reminders"], errors.Keys);
        Assert.Equal(["Högst 10 påminnelser per remiss (nu 11)."], errors["reminders"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_TenRemindersWithinAYear_Valid()
    {
        Assert.Empty(await CreateErrors(Create(reminders: ["P365D", "PT20S", .. Enumerable.Range(1, 8).Select(i => $"P{i}D")])));
    }

    [Fact]
    public async Task CreateConsultationValidator_NoDocumentId_AsksToUploadFirst()
    {
        var errors = (await new CreateConsultationValidator(new DocumentStore(null!, Time), new ConsulteeInputValidator(), Time).ValidateAsync(Create(documentId: " "))).ByField();
        Assert.Equal(["Ange id för remissdokumentet (ladda upp det först med POST /api/documents)."], errors["documentId"]);
    }

    [Fact]
    public async Task CreateConsultationValidator_DocumentIdThatCannotBeAKey_NotFound()
    {
        var errors = (await new CreateConsultationValidator(new DocumentStore(null!, Time), new ConsulteeInputValidator(), Time).ValidateAsync(Create(documentId: "../x"))).ByField();
        Assert.Equal(["Dokumentet finns inte. Ladda upp det med POST /api/documents och använd id:t i svaret."], errors["documentId"]);
    }

    [Fact]
    public async Task AddConsulteesValidator_DuplicateIgnoringCase_ErrorOnSecond()
    {
        Assert.Equal(["consultees[1].email"], (await AddErrors(People("a@example.org", "A@Example.org"))).Keys);
    }

    [Fact]
    public async Task AddConsulteesValidator_AlreadyInConsultation_RefusedByIndex()
    {
        var errors = await AddErrors(People("ny@example.org", "Anna@Example.org"), new Consultee("c1", "Anna", "anna@example.org", null, Now));
        Assert.Equal(["consultees[1].email"], errors.Keys);
        Assert.Contains("förekommer mer än en gång", errors["consultees[1].email"][0]);
    }

    [Fact]
    public async Task AddConsulteesValidator_PastTheCapWithThoseThere_SaysHowManyMayBeAdded()
    {
        var existing = Enumerable.Range(0, ConsultationRules.MaxConsultees - 1).Select(i => new Consultee($"c{i}", "N", $"n{i}@example.org", null, Now)).ToArray();
        Assert.Empty(await AddErrors(People("sista@example.org"), existing));
        Assert.Equal(["Högst 1 remissinstanser per remiss."], (await AddErrors(People("a@example.org", "b@example.org"), existing))["consultees"]);
    }

    [Fact]
    public async Task AddConsulteesValidator_NoList_AsksForOne()
    {
        Assert.Equal(["consultees"], (await AddErrors(null)).Keys);
    }

    [Fact]
    public async Task MoveDeadlineValidator_NotADate_SaysFormat()
    {
        var errors = (await new MoveDeadlineValidator(Time).ValidateAsync(new MoveDeadlineInput("snart"))).ByField();
        Assert.Equal(["Sista svarsdag: ”snart” är inget datum som går att läsa. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-02."], errors["deadline"]);
    }

    [Fact]
    public async Task MoveDeadlineValidator_InThePast_SaysItHasPassedInSwedishTime()
    {
        var errors = (await new MoveDeadlineValidator(Time).ValidateAsync(new MoveDeadlineInput("2026-11-01"))).ByField();
        Assert.Equal(["Sista svarsdag: 1 november 2026 kl. 23:59 har redan passerat. Välj ett senare datum, till exempel 2026-12-02."], errors["deadline"]);
    }

    [Fact]
    public async Task MoveDeadlineValidator_EarlierOrSame_OnlyLaterAllowed()
    {
        var current = new Consultation("c", "Remiss", null, "d", "d.pdf", "sha", Now.AddDays(7), null, [], "o", "Ägare", "o@example.se", ConsultationState.Open, Now);
        foreach (var deadline in new[] { current.Deadline.AddMinutes(-10), current.Deadline })
        {
            var errors = (await new MoveDeadlineValidator(Time).ValidateAsync(ValidationContexts.Changing(new MoveDeadlineInput(deadline.ToString("O")), current))).ByField();
            Assert.Equal([$"Sista svarsdag: kan bara flyttas till senare än nuvarande ({SwedishTime.Format(current.Deadline)}), till exempel 2026-11-16. Stäng remissen i förtid i stället om den ska avslutas."],
                errors["deadline"]);
        }

        Assert.True((await new MoveDeadlineValidator(Time).ValidateAsync(ValidationContexts.Changing(new MoveDeadlineInput(current.Deadline.AddDays(1).ToString("O")), current))).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void CancelValidator_NoReason_AsksForOne(string? reason)
    {
        Assert.Equal(["Ange ett skäl till att remissen återkallas (det skickas till remissinstanserna)."],
            new CancelValidator().Validate(new CancelInput(reason)).ByField()["reason"]);
    }

    [Fact]
    public void CancelValidator_ReasonOver2000_SaysLimit()
    {
        Assert.Contains("högst 2000 tecken", Assert.Single(new CancelValidator().Validate(new CancelInput(new string('x', 2001))).ByField()["reason"]));
        Assert.True(new CancelValidator().Validate(new CancelInput(new string('x', 2000))).IsValid);
    }

    [Fact]
    public async Task RegisterResponseValidator_NoConsulteeAnswerRulesAndFutureDate_EachFieldNamed()
    {
        var validator = new RegisterResponseValidator(null!, new AnswerInputValidator(), Time);
        var input = new RegisterResponseInput(" ", "opposes", "", "Namn", null, Now.AddDays(1));

        var errors = (await validator.ValidateAsync(input)).ByField();

        Assert.Equal(["comments", "consulteeId", "receivedAt"], errors.Keys.Order());
        Assert.Equal([ConsultationSteering.UnknownConsultee], errors["consulteeId"]);
        Assert.Equal(["Datumet då svaret kom in kan inte ligga i framtiden."], errors["receivedAt"]);
    }

    [Theory]
    [InlineData("", "kim@example.se", "forwardName")]
    [InlineData("Kim", "kim@", "forwardEmail")]
    [InlineData("Kim", "", "forwardEmail")]
    public async Task ForwardInputValidator_MissingNameOrBadAddress_NamesTheFormField(string name, string email, string field)
    {
        var errors = (await new ForwardInputValidator(null!).ValidateAsync(new ForwardInput(name, email))).ByField();
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public async Task ForwardInputValidator_NameOver200_Refused()
    {
        var errors = (await new ForwardInputValidator(null!).ValidateAsync(new ForwardInput(new string('n', 201), "kim@example.se"))).ByField();
        Assert.Equal(["Ange kollegans namn (högst 200 tecken)."], errors["forwardName"]);
    }

    [Fact]
    public async Task AddConsulteesValidator_ErrorsOfPastedLines_ReportedByTheirLineNumbers()
    {
        // The staff page's pasted lines (blank line 2) through the validator and back to the lines they came from: line 3
        // names someone the consultation has already, line 4 an organisation that is too long.
        var pasted = ConsulteeLines.Parse($"Anna; anna@example.org; Org\n\nBo; BO@example.org; Org\nCia; cia@example.org; {new string('o', 201)}");
        var errors = await AddErrors(pasted.Consultees, new Consultee("c1", "Bo", "bo@example.org", null, Now));

        var byLine = ConsulteeLines.ByLine(errors, pasted.Lines);

        Assert.Equal(["consultees-rad-3", "consultees-rad-4"], byLine.Keys.Order());
        Assert.Contains("förekommer mer än en gång", Assert.Single(byLine["consultees-rad-3"]));
        Assert.StartsWith("Rad 4: ", Assert.Single(byLine["consultees-rad-4"]));
    }
}
