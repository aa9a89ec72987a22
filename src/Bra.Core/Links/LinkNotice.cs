using Microsoft.AspNetCore.Http;

namespace Bra.Core.Links;

/// <summary>
/// Why a link page refuses or only explains: a Swedish title, text and optional detail, and the status code. The
/// lifecycle notices (expired, replaced, revoked) are the same for every kind of link; a feature words its own closed
/// notice (<see cref="Closed"/>), naming what ended.
/// </summary>
public sealed record LinkNotice(string Title, string Message, int Status, string? Detail = null)
{
    public static readonly LinkNotice TooManyUnknown = new("För många försök",
        "För många okända länkar har prövats från din anslutning. Vänta en stund och försök igen med länken från e-postmeddelandet.", StatusCodes.Status429TooManyRequests);

    public static readonly LinkNotice Unknown = new("Länken finns inte", "Länken är okänd eller ofullständig.", StatusCodes.Status404NotFound);

    public static readonly LinkNotice TooManyPosts = new("För många inskick",
        "Länken har använts för många gånger den senaste minuten. Vänta en minut och försök igen.", StatusCodes.Status429TooManyRequests);

    public static readonly LinkNotice Replaced = new("Länken har ersatts",
        "Du har fått en nyare länk i ett senare e-postmeddelande. Använd den i stället.", StatusCodes.Status410Gone);

    public static readonly LinkNotice PartyReplaced = new("Länken gäller inte längre",
        "Någon annan har ersatt dig. Länken fungerar inte längre.", StatusCodes.Status410Gone);

    public static readonly LinkNotice Revoked = new("Länken gäller inte längre", "Länken har återkallats.", StatusCodes.Status410Gone);

    /// <summary>An expired link: the feature says what ended (<paramref name="message"/> names the instant).</summary>
    public static LinkNotice Expired(string message) => new("Länken har upphört att gälla", message, StatusCodes.Status410Gone);

    /// <summary>The workflow no longer takes this party's acts: the feature's title and text, 410 unless the page only shows it.</summary>
    public static LinkNotice Closed(string title, string message, string? detail = null) => new(title, message, StatusCodes.Status410Gone, detail);

    /// <summary>The same notice with another status (a page that only shows it answers 200; a refused post 409).</summary>
    public LinkNotice WithStatus(int status) => this with { Status = status };
}
