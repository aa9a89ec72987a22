using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// A POST written to the socket by hand, for requests that lie in their headers (HttpClient refuses to): a Content-Length
/// that is smaller or larger than the body that follows, or no length at all (chunked). The body is written while the
/// answer is read, so a server that answers early and stops reading does not block the test, and the answer is awaited
/// for a bounded time only: a server that waits for bytes that never come fails the test with a clear message.
/// </summary>
public static partial class RawHttp
{
    private const int PieceBytes = 64 * 1024;

    /// <summary>How long a test waits for the answer before it fails.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends <paramref name="body"/> to <paramref name="path"/> with the Content-Length <paramref name="declaredLength"/>
    /// (whatever the body's real length), or chunked when it is null, and returns the answer. Every byte of the body is
    /// sent: to send fewer than declared, pass fewer. <paramref name="cookies"/> is the Cookie header ("" for none).
    /// </summary>
    public static async Task<RawAnswer> PostAsync(Uri baseAddress, string path, string cookies, string contentType, ReadOnlyMemory<byte> body, long? declaredLength)
    {
        var framing = declaredLength is { } length ? $"Content-Length: {length}" : "Transfer-Encoding: chunked";
        var request = $"POST /{path.TrimStart('/')} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\n{(cookies.Length > 0 ? $"Cookie: {cookies}\r\n" : "")}" +
                   $"Content-Type: {contentType}\r\n{framing}\r\nConnection: close\r\n\r\n";

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = tcp.GetStream();
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        var writing = Task.Run(() => WriteAsync(stream, Encoding.ASCII.GetBytes(request), body, chunked: declaredLength is null, timeout.Token));

        // No half-close after the body: Kestrel takes a client's FIN for a disconnect and aborts the request unanswered.
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the answer (the server did not read the rest it refused) keeps what arrived before it.
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no complete answer within {AnswerTimeout.TotalSeconds} s to POST {path} with {framing} and a body of {body.Length} bytes; received: '{Encoding.UTF8.GetString(received.ToArray())}'");
        }

        await writing;
        var bytes = received.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(bytes, 0, end < 0 ? bytes.Length : end);
        Assert.True(head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal), $"no answer to POST {path} with {framing} and a body of {body.Length} bytes: '{head}'");
        var status = int.Parse(head.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        var content = end < 0 ? [] : bytes[(end + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            content = Unchunked(content);
        }

        return new RawAnswer(status, head, WebUtility.HtmlDecode(Encoding.UTF8.GetString(content)));
    }

    /// <summary>The data of a chunked body (as far as it arrived), without the chunk sizes between its pieces.</summary>
    private static byte[] Unchunked(byte[] chunked)
    {
        var data = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var line = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (line < 0 || !int.TryParse(Encoding.ASCII.GetString(chunked, at, line).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            at += line + 2;
            data.Write(chunked, at, Math.Min(size, chunked.Length - at));
            at += size + 2;
        }

        return data.ToArray();
    }

    /// <summary>A multipart/form-data body of <paramref name="fields"/> and an optional file part, and its content type.</summary>
    public static (string ContentType, byte[] Body) Multipart(IEnumerable<KeyValuePair<string, string>> fields, (string Name, string FileName, string ContentType, byte[] Content)? file = null)
    {
        const string boundary = "grans-0123456789";
        var body = new MemoryStream();
        foreach (var (name, value) in fields)
        {
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
        }

        if (file is { } f)
        {
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{f.Name}\"; filename=\"{f.FileName}\"\r\nContent-Type: {f.ContentType}\r\n\r\n"));
            body.Write(f.Content);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        return ($"multipart/form-data; boundary={boundary}", body.ToArray());
    }

    /// <summary>
    /// The cookies (sign-in and anti-forgery) and the anti-forgery field of the form posting to <paramref name="formAction"/>
    /// on <paramref name="pagePath"/> (the page's first form when null), as a browser holds them after opening the page.
    /// </summary>
    public static async Task<StaffFormToken> StaffFormTokenAsync(DevHostProcess host, string email, string pagePath, string? formAction = null)
    {
        var jar = new CookieContainer();
        jar.Add(host.BaseAddress, new Cookie("bra_dev_staff", await host.TokenAsync(email)));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = host.BaseAddress };
        var html = await client.GetStringAsync(pagePath);
        var form = formAction is null ? 0 : html.IndexOf($"action=\"{formAction}\"", StringComparison.Ordinal);
        Assert.True(form >= 0, $"no form posting to {formAction} on {pagePath}");
        var hidden = TokenField().Match(html, form);
        Assert.True(hidden.Success, $"no anti-forgery field in the form on {pagePath}");
        return new StaffFormToken(jar.GetCookieHeader(host.BaseAddress), WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value));
    }

    private static async Task WriteAsync(NetworkStream stream, byte[] head, ReadOnlyMemory<byte> body, bool chunked, CancellationToken cancel)
    {
        try
        {
            await stream.WriteAsync(head, cancel);
            for (var offset = 0; offset < body.Length; offset += PieceBytes)
            {
                var piece = body.Slice(offset, Math.Min(PieceBytes, body.Length - offset));
                if (chunked)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"), cancel);
                    await stream.WriteAsync(piece, cancel);
                    await stream.WriteAsync("\r\n"u8.ToArray(), cancel);
                }
                else
                {
                    await stream.WriteAsync(piece, cancel);
                }
            }

            if (chunked)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancel);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The server answered and closed before taking everything (what a refusal may do), or the answer never came
            // (the reading side fails the test).
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>What a raw POST got back: the status, the status line and headers, and the body (unchunked) with HTML entities decoded.</summary>
public sealed record RawAnswer(int Status, string Head, string Page)
{
    public override string ToString() => $"{Status}: {Page[..Math.Min(Page.Length, 500)]}";
}

/// <summary>The cookie header and anti-forgery field a staff form post needs.</summary>
public sealed record StaffFormToken(string Cookies, string Field, string Value);
