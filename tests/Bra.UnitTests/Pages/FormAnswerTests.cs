using Bra.Core;
using Bra.Core.Http;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Http;

namespace Bra.UnitTests.Pages;

public sealed class FormAnswerTests
{
    private static readonly Dictionary<string, string[]> Errors = new() { ["personId"] = ["Personen finns inte i personregistret."] };

    [Theory]
    [InlineData(ResultStatus.Created)]
    [InlineData(ResultStatus.Ok)]
    public async Task FromAsync_Succeeded_SuccessAnswerWithTheValueAndNoFormPage(ResultStatus outcome)
    {
        var result = new Result<string>(outcome, "site-1");
        var shown = false;

        var answer = await FormAnswer.FromAsync(result, value => StaffForms.SeeOther($"/staff/cameras/{value}"), _ =>
        {
            shown = true;
            return Task.FromResult<IResult>(TypedResults.Ok());
        });

        var redirect = Assert.IsType<StaffPageAnswers.Redirect>(answer);
        Assert.Equal(StatusCodes.Status303SeeOther, redirect.StatusCode);
        Assert.Equal("/staff/cameras/site-1", redirect.Location);
        Assert.False(shown);
    }

    [Fact]
    public async Task FromAsync_NotFound_NotFoundPage404AndNoFormPage()
    {
        var shown = false;

        var answer = await FormAnswer.FromAsync(Result<string>.NotFound("Kameraplatsen finns inte."), _ => TypedResults.Ok(), _ =>
        {
            shown = true;
            return Task.FromResult<IResult>(TypedResults.Ok());
        });

        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<PageResult<NotFoundPage>>(answer).StatusCode);
        Assert.False(shown);
    }

    [Fact]
    public async Task FromAsync_Invalid_FormPageAgainWith400AndTheFieldErrors()
    {
        FormRefusal? given = null;

        var answer = await FormAnswer.FromAsync(Result<string>.Invalid(Errors), _ => TypedResults.Ok(), refusal =>
        {
            given = refusal;
            return Task.FromResult<IResult>(TypedResults.Accepted((string?)null));
        });

        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Accepted>(answer);
        Assert.Equal(StatusCodes.Status400BadRequest, given!.Status);
        Assert.Equal(Errors, given.Errors);
        Assert.Null(given.Message);
    }

    [Theory]
    [InlineData(ResultStatus.Forbidden, StatusCodes.Status403Forbidden)]
    [InlineData(ResultStatus.Conflict, StatusCodes.Status409Conflict)]
    public async Task FromAsync_Refused_FormPageAgainWithTheStatusAndTheMessageAndNoFieldErrors(ResultStatus outcome, int status)
    {
        FormRefusal? given = null;

        await FormAnswer.FromAsync(new Result<string>(outcome, Message: "Behörigheten är redan återkallad."), _ => TypedResults.Ok(), refusal =>
        {
            given = refusal;
            return Task.FromResult<IResult>(TypedResults.Ok());
        });

        Assert.Equal(new FormRefusal(status, given!.Errors, "Behörigheten är redan återkallad."), given);
        Assert.Empty(given.Errors);
    }

    [Fact]
    public void Of_NotFound_404WithTheMessage()
    {
        var refusal = FormRefusal.Of(Result<string>.NotFound("Posten finns inte."));

        Assert.Equal(StatusCodes.Status404NotFound, refusal.Status);
        Assert.Equal("Posten finns inte.", refusal.Message);
    }

    [Fact]
    public void Of_Succeeded_Throws()
    {
        Assert.Throws<ArgumentException>(() => FormRefusal.Of(Result<string>.Created("x")));
    }
}
