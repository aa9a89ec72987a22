using Bra.Core.Email;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.UnitTests.Email;

/// <summary>Renders a draft the way <see cref="Mailer"/> does and fills it for its first recipient.</summary>
internal static class RenderedEmail
{
    /// <summary>Text with markup, an ampersand, both quotes and non-ASCII letters, as a person might type it.</summary>
    public const string Hostile = "Åsa <script>alert(\"x\")</script> & 'Bo'";

    public const string Organisation = "Avesta kommun";

    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging()
        .Configure<Bra.Core.AppOptions>(o => (o.PublicBaseUrl, o.OrganisationName) = ("https://bra.kommun.test", Organisation)).BuildServiceProvider();

    public static async Task<(string Subject, string Html, string Text)> ForFirstAsync(EmailDraft draft)
    {
        var batch = await draft.RenderAsync(Services);
        return batch.RenderFor(batch.Recipients[0]);
    }

    /// <summary>The HTML part holds the value only encoded: no markup of its own, the same text once decoded.</summary>
    public static void AssertEncoded(string html, string value)
    {
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("& ", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains(value, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }
}
