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

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
