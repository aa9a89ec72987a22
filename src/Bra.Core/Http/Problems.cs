using Microsoft.AspNetCore.Http;

namespace Bra.Core.Http;

/// <summary>RFC 9457 problem documents with messages a person understands.</summary>
public static class Problems
{
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "Begäran innehåller fel. Se fälten nedan.", title: "Ogiltig begäran");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Hittades inte");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Konflikt");

    public static IResult Gone(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status410Gone, title: "Avslutad");

    public static IResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Inloggning krävs");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Åtkomst nekad");

    public static IResult TooLarge(long limit) =>
        TypedResults.Problem($"Begäran är för stor. Högst {limit} byte tas emot.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "För stor begäran");

    public static IResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Tjänsten är inte tillgänglig");
}
