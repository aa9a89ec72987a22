using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bra.UnitTests.Http;

public sealed class ApiAnswerTests
{
    [Theory]
    [InlineData(WriteOutcome.Created)]
    [InlineData(WriteOutcome.Updated)]
    [InlineData(WriteOutcome.Allowed)]
    public void From_Succeeded_SuccessAnswerWithTheValue(WriteOutcome outcome)
    {
        var answer = ApiAnswer.From(new WriteResult<string>(outcome, "site-1"), TypedResults.Ok);

        Assert.Equal("site-1", Assert.IsType<Ok<string>>(answer).Value);
    }

    [Theory]
    [InlineData(WriteOutcome.NotFound, StatusCodes.Status404NotFound)]
    [InlineData(WriteOutcome.Forbidden, StatusCodes.Status403Forbidden)]
    [InlineData(WriteOutcome.Conflict, StatusCodes.Status409Conflict)]
    public void From_Refused_ProblemWithTheStatusAndTheMessage(WriteOutcome outcome, int status)
    {
        var answer = ApiAnswer.From(new WriteResult<string>(outcome, Message: "Kameraplatsen finns inte."), TypedResults.Ok);

        var problem = Assert.IsType<ProblemHttpResult>(answer);
        Assert.Equal(status, problem.StatusCode);
        Assert.Equal("Kameraplatsen finns inte.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public void From_Invalid_ValidationProblemWithTheFieldErrors()
    {
        var answer = ApiAnswer.From(WriteResult<string>.Invalid("reason", "Ange varför behörigheten återkallas."), TypedResults.Ok);

        var problem = Assert.IsType<ValidationProblem>(answer);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal(["Ange varför behörigheten återkallas."], problem.ProblemDetails.Errors["reason"]);
    }

    [Theory]
    [InlineData(WriteOutcome.Created, true)]
    [InlineData(WriteOutcome.Updated, true)]
    [InlineData(WriteOutcome.Allowed, true)]
    [InlineData(WriteOutcome.NotFound, false)]
    [InlineData(WriteOutcome.Invalid, false)]
    [InlineData(WriteOutcome.Forbidden, false)]
    [InlineData(WriteOutcome.Conflict, false)]
    public void Succeeded_EachOutcome_TrueOnlyForCreatedUpdatedAllowed(WriteOutcome outcome, bool succeeded)
    {
        Assert.Equal(succeeded, new WriteResult<string>(outcome).Succeeded);
    }
}
