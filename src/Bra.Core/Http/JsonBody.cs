using Microsoft.AspNetCore.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Bra.Core.Http;

/// <summary>Reads a JSON request body with a size limit; bad input becomes a problem result instead of an exception.</summary>
public static class JsonBody
{
    public const long DefaultLimit = 256 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, long limit = DefaultLimit)
        where T : class
    {
        if (request.ContentLength > limit)
        {
            return (null, Problems.TooLarge(limit));
        }

        // A JSON body must say so: a request without Content-Type, or with one a cross-site HTML form can send
        // (text/plain, form encodings), is refused before anything is read.
        if (!IsJson(request.ContentType))
        {
            return (null, TypedResults.Problem("Innehållet måste vara JSON (Content-Type: application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Fel innehållstyp"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, Problems.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, Problems.Validation("body", "Begäran saknar innehåll (JSON förväntas)."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), AppJson.Options);
            return value is null
                ? (null, Problems.Validation("body", "Begäran saknar innehåll (JSON förväntas)."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, Problems.Validation(field, $"Ogiltig JSON (rad {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})."));
        }
    }

    /// <summary>
    /// Reads the body and hands it to <paramref name="handle"/>: the one way routes take a JSON body. A body that cannot be
    /// read is answered with its problem (413, 415 or 400) and nothing is handled.
    /// </summary>
    public static async Task<IResult> HandleAsync<T>(HttpRequest request, Func<T, Task<IResult>> handle, long limit = DefaultLimit)
        where T : class
    {
        var (input, error) = await ReadAsync<T>(request, limit);
        return error ?? await handle(input!);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
}
