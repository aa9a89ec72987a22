using System.ComponentModel.DataAnnotations;

namespace Bra.Core;

/// <summary>Application-wide settings (section <c>App</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The address people reach the app at; links in emails start with it.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>
    /// The organisation the council belongs to ("Avesta kommun"): in every page's title and header and every email, so
    /// an external recipient can tell where a message comes from. Empty: pages and emails name the council only.
    /// </summary>
    [MaxLength(100)]
    public string OrganisationName { get; set; } = "";

    /// <summary>
    /// An https address of the organisation's logo (optional), shown in the page header and at the top of every email;
    /// its origin is the one image source the pages' content security policy allows besides the app itself. Empty or not
    /// an https address: no logo.
    /// </summary>
    public string? LogoUrl { get; set; }

    /// <summary>The service's name with the organisation's: "Lokala BRÅ – Avesta kommun", or "Lokala BRÅ".</summary>
    public string ServiceName => string.IsNullOrWhiteSpace(OrganisationName) ? ServiceShortName : $"{ServiceShortName} – {OrganisationName.Trim()}";

    /// <summary>The logo's origin when a valid https logo is configured.</summary>
    public string? LogoOrigin => Uri.TryCreate(LogoUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri.GetLeftPart(UriPartial.Authority) : null;

    public const string ServiceShortName = "Lokala BRÅ";

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
