using Bra.Core;
using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bra.UnitTests.Http;

public sealed class ApiAnswerTests
{
    [Theory]
    [InlineData(ResultStatus.Created)]
    [InlineData(ResultStatus.Ok)]
    public void From_Succeeded_SuccessAnswerWithTheValue(ResultStatus outcome)
    {
        var answer = ApiAnswer.From(new Result<string>(outcome, "site-1"), TypedResults.Ok);

        Assert.Equal("site-1", Assert.IsType<Ok<string>>(answer).Value);
    }

    [Theory]
    [InlineData(ResultStatus.NotFound, StatusCodes.Status404NotFound)]
    [InlineData(ResultStatus.Forbidden, StatusCodes.Status403Forbidden)]
    [InlineData(ResultStatus.Conflict, StatusCodes.Status409Conflict)]
    [InlineData(ResultStatus.Gone, StatusCodes.Status410Gone)]
    public void From_Refused_ProblemWithTheStatusAndTheMessage(ResultStatus outcome, int status)
    {
        var answer = ApiAnswer.From(new Result<string>(outcome, Message: "Kameraplatsen finns inte."), TypedResults.Ok);

        var problem = Assert.IsType<ProblemHttpResult>(answer);
        Assert.Equal(status, problem.StatusCode);
        Assert.Equal("Kameraplatsen finns inte.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public void From_Invalid_ValidationProblemWithTheFieldErrors()
    {
        var answer = ApiAnswer.From(Result<string>.Invalid("reason", "Ange varför behörigheten återkallas."), TypedResults.Ok);

        var problem = Assert.IsType<ValidationProblem>(answer);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal(["Ange varför behörigheten återkallas."], problem.ProblemDetails.Errors["reason"]);
    }

    [Theory]
    [InlineData(ResultStatus.Created, true)]
    [InlineData(ResultStatus.Ok, true)]
    [InlineData(ResultStatus.NotFound, false)]
    [InlineData(ResultStatus.Invalid, false)]
    [InlineData(ResultStatus.Forbidden, false)]
    [InlineData(ResultStatus.Conflict, false)]
    [InlineData(ResultStatus.Gone, false)]
    public void Succeeded_EachStatus_TrueOnlyForCreatedAndOk(ResultStatus outcome, bool succeeded)
    {
        Assert.Equal(succeeded, new Result<string>(outcome).Succeeded);
    }
}
