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
            string token;
            string signedInName;
            if (form["new"] == "1")
            {
                // Someone not yet in the register, with the app roles ticked: the first sign-in path, as in Azure.
                var (email, name, roles) = (form["newEmail"].ToString().Trim(), form["newName"].ToString().Trim(), form["newRoles"].Select(r => r ?? "").ToList());
                if (NewPersonError(email, name, roles) is { } problem)
                {
                    return await ChooserAsync(context, people, antiforgery, StatusCodes.Status400BadRequest, problem.Message, returnUrl, ct);
                }

                token = tokens.MintForNewcomer(email, name, roles);
                signedInName = name;
            }
            else if (await people.FindByEmailAsync(form["email"].ToString(), ct) is { Active: true } person)
            {
                token = tokens.Mint(person);
                signedInName = person.Name;
            }
            else
            {
                return await ChooserAsync(context, people, antiforgery, StatusCodes.Status400BadRequest, "Välj en person i listan.", returnUrl, ct);
            }

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
                [nameof(SignInPage.People)] = Array.Empty<Person>(), [nameof(SignInPage.SignedIn)] = signedInName, [nameof(SignInPage.Token)] = token, [nameof(SignInPage.Minutes)] = auth.Value.DevelopmentTokenMinutes,
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
                return Problems.Validation("email", "Ange en e-postadress.");
            }

            if (await people.FindByEmailAsync(body.Email!, ct) is { } person)
            {
                return TypedResults.Ok(new { accessToken = tokens.Mint(person), tokenType = "Bearer" });
            }

            // Not in the register: a token as Entra would issue it to a new member of staff with these app roles.
            return NewPersonError(body.Email!.Trim(), body.Name?.Trim() ?? "", body.Roles ?? []) is { } problem
                ? Problems.Validation(problem.Field, problem.Message)
                : TypedResults.Ok(new { accessToken = tokens.MintForNewcomer(body.Email!.Trim(), body.Name!.Trim(), body.Roles ?? []), tokenType = "Bearer" });
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

    /// <summary>What is wrong with a sign-in for someone not yet in the register: an email, a name, and only the app's roles (none is allowed: such a token is refused at the door, as in Azure).</summary>
    private static (string Field, string Message)? NewPersonError(string email, string name, IReadOnlyList<string> roles) =>
        !EmailAddress.IsValid(email) ? ("email", "Ange den nya personens e-postadress.")
        : name.Length is 0 or > PeopleRules.MaxNameLength ? ("name", $"Ange den nya personens namn (högst {PeopleRules.MaxNameLength} tecken).")
        : roles.FirstOrDefault(r => !StaffRoles.All.Contains(r)) is { } unknown ? ("roles", $"Okänd roll: {unknown}. Tillåtna roller: {string.Join(", ", StaffRoles.All)}.")
        : null;

    /// <summary>The body of <c>POST /dev/token</c>: the email of a person in the register, or of someone new with a name and app roles.</summary>
    private sealed record TokenRequest(string? Email, string? Name, IReadOnlyList<string>? Roles);
}
