using Bra.Core;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Bra.Core.People;
using Bra.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Dev;

/// <summary>Development-only routes: sign-in for demo people, tokens for scripts, the email outbox. Mapped only in Development.</summary>
public static class DevRoutes
{
    public static void MapDevRoutes(this WebApplication app)
    {
        var dev = app.MapGroup("/dev").WithMetadata(Access.Public);
        dev.MapGet("/signin", async (HttpContext context, PeopleStore people, IAntiforgery antiforgery, CancellationToken ct) =>
            await ChooserAsync(context, people, antiforgery, StatusCodes.Status200OK, null, context.Request.Query["returnUrl"], ct));

        // The form carries an anti-forgery token (login CSRF: a foreign page must not sign the browser in as someone else).
        dev.MapPost("/signin", async (HttpContext context, PeopleStore people, DevelopmentTokens tokens, IAntiforgery antiforgery, IOptions<AuthOptions> auth, CancellationToken ct) =>
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return await ChooserAsync(context, people, antiforgery, StatusCodes.Status400BadRequest,
                    "Inloggningsformuläret var för gammalt eller kom inte från den här sidan. Välj person igen.", null, ct);
            }

            var form = await context.Request.ReadFormAsync(ct);
            var returnUrl = form["returnUrl"].ToString();
            var person = await people.FindByEmailAsync(form["email"].ToString(), ct);
            if (person is not { Active: true })
            {
                return await ChooserAsync(context, people, antiforgery, StatusCodes.Status400BadRequest, "Välj en person i listan.", returnUrl, ct);
            }

            var token = tokens.Mint(person);
            context.Response.Cookies.Append(DevelopmentTokens.CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                MaxAge = TimeSpan.FromMinutes(auth.Value.DevelopmentTokenMinutes),
            });
            if (StaffAuthenticator.IsLocalPath(returnUrl))
            {
                // Back to the page that sent the browser here (a local path only: no open redirect).
                return new StaffPageAnswers.Redirect(returnUrl, StatusCodes.Status303SeeOther);
            }

            return new PageResult<SignInPage>(new Dictionary<string, object?>
            {
                [nameof(SignInPage.People)] = Array.Empty<Person>(), [nameof(SignInPage.SignedIn)] = person, [nameof(SignInPage.Token)] = token, [nameof(SignInPage.Minutes)] = auth.Value.DevelopmentTokenMinutes,
            });
        }).DisableAntiforgery();

        dev.MapPost("/token", async (HttpRequest request, PeopleStore people, DevelopmentTokens tokens, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync<TokenRequest>(request);
            if (error is not null)
            {
                return error;
            }

            if (!EmailAddress.IsValid(body!.Email))
            {
                return Problems.Validation("email", "Ange e-postadressen till en person i personregistret.");
            }

            return await people.FindByEmailAsync(body.Email!, ct) is { } person
                ? TypedResults.Ok(new { accessToken = tokens.Mint(person), tokenType = "Bearer" })
                : Problems.Validation("email", "Personen finns inte i personregistret.");
        });

        // For the benchmark: storage requests the application has sent since start, how many of them were for receipts, and
        // the methods the JIT compiled since start and its time (so a burst can say how much of its CPU was compiling).
        dev.MapGet("/storage-operations", (StorageOperationCounter counter) => TypedResults.Ok(new
        {
            total = counter.Total, receipts = counter.Receipts,
            jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(), jitMs = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
        }));

        dev.MapGet("/outbox", async (HttpRequest request, OutboxTransport outbox, CancellationToken ct) =>
        {
            var messages = await outbox.ListAsync(max: 500, ct);
            return request.Query["format"] == "json"
                ? TypedResults.Json(messages.Select(m => new { m.Id, m.To, m.ToName, m.Subject, m.Text, m.Html, m.SentAt, attachments = m.Attachments.Select(a => new { a.FileName, a.ContentType }) }), AppJson.Options)
                : (IResult)new PageResult<OutboxPage>(new Dictionary<string, object?> { [nameof(OutboxPage.Messages)] = messages });
        });
    }

    private static async Task<IResult> ChooserAsync(HttpContext context, PeopleStore people, IAntiforgery antiforgery, int status, string? error, string? returnUrl,
        CancellationToken ct)
    {
        var form = antiforgery.GetAndStoreTokens(context);
        return new PageResult<SignInPage>(new Dictionary<string, object?>
        {
            [nameof(SignInPage.People)] = await Sorted(people, ct), [nameof(SignInPage.FormFieldName)] = form.FormFieldName, [nameof(SignInPage.RequestToken)] = form.RequestToken, [nameof(SignInPage.Error)] = error,
            [nameof(SignInPage.ReturnUrl)] = StaffAuthenticator.IsLocalPath(returnUrl) ? returnUrl : null,
        }, status);
    }

    private static async Task<IReadOnlyList<Person>> Sorted(PeopleStore people, CancellationToken ct) =>
        (await people.ListPeopleAsync(ct)).Where(p => p.Active).OrderBy(p => p.Name, StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), false)).ToList();

    private sealed record TokenRequest(string? Email);
}
