using Microsoft.AspNetCore.Http;
using Bra.Core.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Bra.Core.Pages;

/// <summary>
/// Form handling of every staff page, in one place: a posted form is read only when it is one of ours (a valid
/// anti-forgery token) and within its size limit, whatever its headers claim; a refused form changes nothing and gets a
/// Swedish page. Pages show field errors with <see cref="ErrorSummary"/> and keep what was typed.
/// </summary>
public sealed class StaffForms(IAntiforgery antiforgery)
{
    /// <summary>Limit of a form without files.</summary>
    public const long SmallForm = 16 * 1024;

    /// <summary>
    /// The posted form when it is a form of ours within <paramref name="maxBytes"/>; otherwise null (answer with
    /// <see cref="Refused"/>). The declared length is checked first, and the reader is bounded
    /// too, so a body longer than it claims or without a length stops at the limit.
    /// </summary>
    public async Task<FormRead> ReadAsync(RequestContext c, long maxBytes = SmallForm)
    {
        var request = c.Request;
        if (!request.HasFormContentType)
        {
            return new FormRead(null, FormProblem.NotAForm);
        }

        if (request.ContentLength is > 0 and var length && length > maxBytes)
        {
            return new FormRead(null, FormProblem.TooLarge);
        }

        var read = await FormRead.ReadCappedAsync(c, maxBytes,
            new FormOptions { MultipartBodyLengthLimit = maxBytes, BufferBodyLengthLimit = maxBytes, ValueLengthLimit = (int)Math.Min(maxBytes, int.MaxValue) });
        return read.Form is null || await antiforgery.IsRequestValidAsync(request.HttpContext) ? read : new FormRead(null, FormProblem.NotOurs);
    }

    /// <summary>
    /// Hands the posted form to <paramref name="handle"/> when it is a form of ours within <paramref name="maxBytes"/>;
    /// otherwise answers with <see cref="Refused"/> and nothing is handled (the form counterpart of <see cref="JsonBody.HandleAsync{T}"/>).
    /// </summary>
    public async Task<IResult> HandleAsync(RequestContext c, Func<IFormCollection, Task<IResult>> handle, long maxBytes = SmallForm)
    {
        var read = await ReadAsync(c, maxBytes);
        return read.Form is { } form ? await handle(form) : Refused(read, maxBytes);
    }

    /// <summary>
    /// What the 413 page says: the limit in Swedish notation (kB under a megabyte, so a 64 KiB form does not read
    /// "0,1 MB"), and advice that fits forms with and without files.
    /// </summary>
    public static string TooLargeText(long maxBytes)
    {
        var swedish = Time.SwedishTime.Culture;
        var limit = maxBytes >= 1024 * 1024
            ? string.Format(swedish, "{0:0.#} MB", maxBytes / 1024.0 / 1024.0)
            : string.Format(swedish, "{0:0} kB", Math.Max(1, maxBytes / 1024));
        return $"Det som skickades är större än {limit}, så ingenting har sparats. Gå tillbaka och korta texten eller välj en mindre fil.";
    }

    /// <summary>The Swedish page for a form that could not be read (the form page itself is not re-rendered: nothing was read).</summary>
    public static IResult Refused(FormRead read, long maxBytes = SmallForm) => read.Problem switch
    {
        FormProblem.TooLarge => StaffPageAnswers.Message("Formuläret är för stort", TooLargeText(maxBytes), StatusCodes.Status413PayloadTooLarge),
        FormProblem.Incomplete => StaffPageAnswers.Message(FormRead.IncompleteTitle, FormRead.IncompleteText, StatusCodes.Status400BadRequest),
        _ => StaffPageAnswers.FormRefused(),
    };

    /// <summary>Redirect after a successful post (POST-redirect-GET).</summary>
    public static IResult SeeOther(string location) => new StaffPageAnswers.Redirect(location, StatusCodes.Status303SeeOther);

    /// <summary>
    /// The notice a page shows when a successful post came back to it (<see cref="SeeOther"/> with a flag in the query):
    /// the text of the first flag present, or null.
    /// </summary>
    public static string? Notice(IQueryCollection query, params (string Flag, string Text)[] notices) =>
        notices.FirstOrDefault(n => query.ContainsKey(n.Flag)).Text;
}

public enum FormProblem
{
    NotAForm,
    NotOurs,
    TooLarge,

    /// <summary>The body ended before the form did.</summary>
    Incomplete,
}

/// <summary>A posted form, or why it was not read.</summary>
public sealed record FormRead(IFormCollection? Form, FormProblem? Problem)
{
    /// <summary>What every page says of a form whose body ended before it did (<see cref="FormProblem.Incomplete"/>): title and text, answered with 400.</summary>
    public const string IncompleteTitle = "Formuläret kom inte fram helt",
        IncompleteText = "Formuläret kom inte fram i sin helhet, så ingenting har sparats. Gå tillbaka och skicka det igen.";

    public bool Ok => Form is not null;

    /// <summary>
    /// Reads the posted form with a hard cap of <paramref name="maxBytes"/> that holds for chunked bodies and lying
    /// headers too: Kestrel stops reading past the request's maximum body size, and the form reader past the limits in
    /// <paramref name="options"/>. Without a form: <see cref="FormProblem.TooLarge"/> when the body is too large,
    /// <see cref="FormProblem.Incomplete"/> when it ended before its form did (a Content-Length larger than what came, or
    /// a cut-off upload). The one reader of staff forms (<see cref="StaffForms.ReadAsync"/>) and link forms.
    /// </summary>
    public static async Task<FormRead> ReadCappedAsync(RequestContext c, long maxBytes, FormOptions options)
    {
        if (c.Request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
        {
            max.MaxRequestBodySize = maxBytes;
        }

        try
        {
            return new FormRead(await c.Request.ReadFormAsync(options, c.Aborted), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return new FormRead(null, FormProblem.TooLarge);
        }
        catch (IOException) when (!c.Aborted.IsCancellationRequested)
        {
            return new FormRead(null, FormProblem.Incomplete);
        }
    }
}
