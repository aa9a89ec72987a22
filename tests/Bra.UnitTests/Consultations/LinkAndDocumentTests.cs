using Bra.Core.Documents;
using Bra.Core.Links;
using Microsoft.Extensions.Options;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Bra.UnitTests.Consultations;

public sealed class LinkTokensTests
{
    [Fact]
    public void NewToken_GroupDotSecret256BitsBase64Url_UniqueAndLooksValid()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => LinkTokens.NewToken()).ToList();
        Assert.Equal(1000, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{8}[.][A-Za-z0-9_-]{43}$", t));
        Assert.All(tokens, t => Assert.True(LinkTokens.LooksValid(t), t));
        Assert.Equal(32, LinkTokens.TokenBytes);
    }

    [Fact]
    public void NewToken_SameGroup_SharesGroupButNotSecret()
    {
        var group = LinkTokens.NewGroup();
        var tokens = Enumerable.Range(0, 100).Select(_ => LinkTokens.NewToken(group)).ToList();
        Assert.Matches("^[A-Za-z0-9_-]{8}$", group);
        Assert.All(tokens, t => Assert.Equal(group, LinkTokens.GroupOf(t)));
        Assert.Equal(100, tokens.Select(t => t[9..]).Distinct().Count());
    }

    [Fact]
    public void Hash_IsSha256HexOfWholeTokenAndNotTheToken()
    {
        var token = LinkTokens.NewToken();
        var hash = LinkTokens.Hash(token);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token, hash);
        Assert.Equal(hash, LinkTokens.Hash(token));
        Assert.NotEqual(hash, LinkTokens.Hash(token[9..]));
    }

    [Theory]
    [InlineData("AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("a-_Z09zA.a-_Z09zAa-_Z09zAa-_Z09zAa-_Z09zAa-_Z09zAa-_")]
    public void LooksValid_GroupDotSecret_True(string token) => Assert.True(LinkTokens.LooksValid(token));

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // a bare secret without its group
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAA..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.")]
    [InlineData("AAAAAAA+.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAA")]
    public void LooksValid_Malformed_False(string token) => Assert.False(LinkTokens.LooksValid(token));
}

public sealed class LinkLimitsTests
{
    private static LinkLimits Limiter() =>
        new(Options.Create(new LinkOptions { UnknownTokenLimit = 3, UnknownTokenWindow = TimeSpan.FromMinutes(1) }));

    [Fact]
    public void IsBlocked_AfterLimitWithinWindow_TrueForThatClientOnly()
    {
        using var limiter = Limiter();
        for (var i = 0; i < 3; i++)
        {
            Assert.False(limiter.IsBlocked("10.0.0.1"));
            limiter.RecordUnknown("10.0.0.1");
        }

        Assert.True(limiter.IsBlocked("10.0.0.1"));
        Assert.False(limiter.IsBlocked("10.0.0.2"));
    }

    [Fact]
    public void IsBlocked_ManyClients_OnlyTheGuesserBlocked()
    {
        using var limiter = Limiter();
        for (var i = 0; i < 20_000; i++)
        {
            limiter.RecordUnknown($"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}");
        }

        for (var i = 0; i < 3; i++)
        {
            limiter.RecordUnknown("192.0.2.1");
        }

        Assert.True(limiter.IsBlocked("192.0.2.1"));
        Assert.False(limiter.IsBlocked("10.0.0.1"));
    }

    [Fact]
    public void TryPost_OverPerMinuteLimit_FalseForThatLinkOnly()
    {
        using var limiter = new LinkLimits(Options.Create(new LinkOptions { PostsPerLinkPerMinute = 2 }));
        Assert.True(limiter.TryPost("hash-a"));
        Assert.True(limiter.TryPost("hash-a"));
        Assert.False(limiter.TryPost("hash-a"));
        Assert.True(limiter.TryPost("hash-b"));
    }

    [Fact]
    public void TryPost_PostsUsedUp_ClientStillNotBlockedForUnknownTokens()
    {
        using var limiter = new LinkLimits(Options.Create(new LinkOptions { PostsPerLinkPerMinute = 1, UnknownTokenLimit = 1 }));
        Assert.True(limiter.TryPost("10.0.0.1"));
        Assert.False(limiter.TryPost("10.0.0.1"));

        Assert.False(limiter.IsBlocked("10.0.0.1"));
    }
}

public sealed class ClientAddressTests
{
    private static HttpRequest Request(string remote, params string[] forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor.Length > 0)
        {
            context.Request.Headers["X-Forwarded-For"] = new StringValues(forwardedFor);
        }

        return context.Request;
    }

    [Fact]
    public void Of_DevelopmentHostWithSpoofedForwardedFor_ConnectionAddress()
    {
        var address = new ClientAddress(BehindPlatformFrontEnd: false);
        Assert.Equal("127.0.0.1", address.Of(Request("127.0.0.1", "203.0.113.7")));
        Assert.Equal("198.51.100.4", address.Of(Request("198.51.100.4", "203.0.113.7")));
    }

    [Fact]
    public void Of_BehindFrontEnd_RightMostHopNotTheClientsClaim()
    {
        var address = new ClientAddress(BehindPlatformFrontEnd: true);
        Assert.Equal("198.51.100.9", address.Of(Request("127.0.0.1", "203.0.113.7, 10.1.1.1, 198.51.100.9")));
        Assert.Equal("198.51.100.9", address.Of(Request("127.0.0.1", "203.0.113.7", "198.51.100.9")));
        Assert.Equal("198.51.100.9", address.Of(Request("127.0.0.1", "198.51.100.9:51234")));
    }

    [Fact]
    public void Of_BehindFrontEndNoOrBadHeader_ConnectionAddress()
    {
        var address = new ClientAddress(BehindPlatformFrontEnd: true);
        Assert.Equal("127.0.0.1", address.Of(Request("127.0.0.1")));
        Assert.Equal("127.0.0.1", address.Of(Request("127.0.0.1", "203.0.113.7, not-an-address")));
    }

    [Fact]
    public void Of_Ipv6_GroupedByPrefix64AndMappedIpv4Unwrapped()
    {
        var address = new ClientAddress(BehindPlatformFrontEnd: true);
        Assert.Equal("2001:db8:1:2::/64", address.Of(Request("127.0.0.1", "[2001:db8:1:2:aaaa::1]:443")));
        Assert.Equal("2001:db8:1:2::/64", address.Of(Request("127.0.0.1", "2001:db8:1:2:bbbb::2")));
        Assert.Equal("192.0.2.5", address.Of(Request("::ffff:192.0.2.5")));
    }
}

public sealed class DocumentKindsTests
{
    [Fact]
    public void ContentMatches_PdfMagic_TrueAndTextAsPdf_False()
    {
        Assert.True(DocumentKinds.ContentMatches(DocumentKind.Pdf, "%PDF-1.7 ..."u8.ToArray()));
        Assert.False(DocumentKinds.ContentMatches(DocumentKind.Pdf, "hello"u8.ToArray()));
    }

    [Fact]
    public void ContentMatches_DocxZipWithWordPart_TrueAndOdtWithoutMimetype_False()
    {
        var docx = Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"));
        Assert.True(DocumentKinds.ContentMatches(DocumentKind.Docx, docx));
        Assert.False(DocumentKinds.ContentMatches(DocumentKind.Odt, docx));
        Assert.True(DocumentKinds.ContentMatches(DocumentKind.Odt, Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>"))));
    }

    [Fact]
    public void ContentMatches_TextWithNulOrBadUtf8_False()
    {
        Assert.True(DocumentKinds.ContentMatches(DocumentKind.Text, "Hej då"u8.ToArray()));
        Assert.False(DocumentKinds.ContentMatches(DocumentKind.Markdown, [0x48, 0x00, 0x49]));
        Assert.False(DocumentKinds.ContentMatches(DocumentKind.Text, [0xC3, 0x28]));
    }

    [Theory]
    [InlineData("a.PDF", DocumentKind.Pdf)]
    [InlineData("a.md", DocumentKind.Markdown)]
    [InlineData("a.odt", DocumentKind.Odt)]
    public void FromName_KnownExtensions(string name, DocumentKind kind) => Assert.Equal(kind, DocumentKinds.FromName(name));

    [Fact]
    public void FromName_Unknown_Null() => Assert.Null(DocumentKinds.FromName("a.exe"));

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}

public sealed class DocumentIdTests
{
    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("demo-intresseavvagning-domarhagsskolan")]
    [InlineData("demo-remiss-narkotikastrategi")]
    public void IsId_GeneratedOrFixedSlug_True(string id) => Assert.True(DocumentStore.IsId(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-demo")]
    [InlineData("Demo-dokument")]
    [InlineData("demo/../x")]
    [InlineData("demo dokument")]
    [InlineData("demo-å")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void IsId_NotLowercaseSlugOrTooLong_False(string? id) => Assert.False(DocumentStore.IsId(id));
}
