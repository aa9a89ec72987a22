using Bra.Core.Links;

namespace Bra.UnitTests.Links;

/// <summary>Link tokens never reach telemetry: every path segment after /respond/ or /sign/ becomes {token}.</summary>
public sealed class LinkRedactionTests
{
    private static readonly string Token = LinkTokens.NewToken();

    [Theory]
    [InlineData("https://func-x.azurewebsites.net/respond/{0}", "https://func-x.azurewebsites.net/respond/{token}")]
    [InlineData("https://func-x.azurewebsites.net/respond/{0}/document?x=1", "https://func-x.azurewebsites.net/respond/{token}/document?x=1")]
    [InlineData("POST /respond/{0}/forward", "POST /respond/{token}/forward")]
    [InlineData("/sign/{0}", "/sign/{token}")]
    [InlineData("/SIGN/{0}/certificate#top", "/SIGN/{token}/certificate#top")]
    [InlineData("Executing 'SignDecline' for /sign/{0}/decline and /respond/{0}", "Executing 'SignDecline' for /sign/{token}/decline and /respond/{token}")]
    [InlineData("returnUrl=%2Frespond%2F{0}%2Fdocument", "returnUrl=%2Frespond%2F{token}%2Fdocument")]
    [InlineData("\"/respond/{0}\"", "\"/respond/{token}\"")]
    public void Redact_LinkPagePath_TokenReplaced(string format, string expected)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Token);

        var redacted = LinkRedaction.Redact(text);

        Assert.Equal(expected, redacted);
        Assert.DoesNotContain(Token, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(Token.Split(LinkTokens.Separator)[1], redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://func-x.azurewebsites.net/api/health")]
    [InlineData("/staff/consultations/123")]
    [InlineData("Executed 'Functions.RespondForm' (Succeeded, Id=1, Duration=3ms)")]
    [InlineData("")]
    public void Redact_NoLinkPagePath_Unchanged(string text) => Assert.Equal(text, LinkRedaction.Redact(text));
}
