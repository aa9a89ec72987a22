using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Bra.Core.Footage;

/// <summary>
/// The hash of an access-log entry, reproducible by anyone with the stored entries and this description.
/// <para>
/// Canonical serialization: one compact UTF-8 JSON object (no whitespace) with exactly these members in this order:
/// <c>v</c> (the format version, 1), <c>id</c>, <c>siteId</c>, <c>sequence</c> (integer), <c>previousHash</c>,
/// <c>recordedAt</c>, <c>actor</c>, <c>actorName</c>, <c>action</c> (<c>view</c>, <c>export</c>, <c>disclosure</c>,
/// <c>denied</c>), <c>cameraIds</c> (array of strings in stored order, or null), <c>footageFrom</c>, <c>footageTo</c>,
/// <c>purpose</c>, <c>incidentRef</c>, <c>policeCaseNumber</c>, <c>requestingAuthority</c>, <c>requestingOfficer</c>,
/// <c>legalGround</c>, <c>handedOverAt</c>, <c>handoverMethod</c>, <c>attempted</c>, <c>reason</c>, and then, only for an
/// entry that carries a count (a denial), <c>count</c> (integer). Every other member is written, absent values as
/// <c>null</c>; <c>hash</c> itself is not included. Instants are UTC in the invariant form
/// <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>. Strings are escaped as System.Text.Json's default encoder does (non-ASCII and
/// HTML-sensitive characters as <c>\uXXXX</c>).
/// </para>
/// <para>The hash is the SHA-256 of those bytes as 64 lowercase hex digits. Entry 1's previousHash is 64 zeros.</para>
/// </summary>
public static class AccessLogHash
{
    public const int Version = 1;
    public static readonly string Genesis = new('0', 64);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    /// <summary>The canonical bytes of <paramref name="entry"/> (see the class comment).</summary>
    public static byte[] Canonical(AccessLogEntry entry)
    {
        var span = Write(entry);
        return span.ToArray();
    }

    public static string Compute(AccessLogEntry entry)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Write(entry), digest);
        return Convert.ToHexStringLower(digest);
    }

    private static ReadOnlySpan<byte> Write(AccessLogEntry e)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(1024);
        output.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true });
        json.Reset(output);
        json.WriteStartObject();
        json.WriteNumber("v", Version);
        json.WriteString("id", e.Id);
        json.WriteString("siteId", e.SiteId);
        json.WriteNumber("sequence", e.Sequence);
        json.WriteString("previousHash", e.PreviousHash);
        Instant(json, "recordedAt", e.RecordedAt);
        json.WriteString("actor", e.Actor);
        json.WriteString("actorName", e.ActorName);
        json.WriteString("action", ActionName(e.Action));
        if (e.CameraIds is null)
        {
            json.WriteNull("cameraIds");
        }
        else
        {
            json.WriteStartArray("cameraIds");
            foreach (var id in e.CameraIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        }

        Instant(json, "footageFrom", e.FootageFrom);
        Instant(json, "footageTo", e.FootageTo);
        json.WriteString("purpose", e.Purpose);
        json.WriteString("incidentRef", e.IncidentRef);
        json.WriteString("policeCaseNumber", e.PoliceCaseNumber);
        json.WriteString("requestingAuthority", e.RequestingAuthority);
        json.WriteString("requestingOfficer", e.RequestingOfficer);
        json.WriteString("legalGround", e.LegalGround);
        Instant(json, "handedOverAt", e.HandedOverAt);
        json.WriteString("handoverMethod", e.HandoverMethod);
        json.WriteString("attempted", e.Attempted);
        json.WriteString("reason", e.Reason);
        if (e.Count is { } count)
        {
            json.WriteNumber("count", count);
        }

        json.WriteEndObject();
        json.Flush();
        return output.WrittenSpan;
    }

    /// <summary>
    /// An anchor as one line of its blob: <c>{"siteId":…,"sequence":…,"hash":…,"anchoredAt":…}</c> in that order, compact,
    /// strings escaped and the instant written as in the entries' canonical form, then one line feed (docs/footage.md).
    /// </summary>
    public static byte[] AnchorLine(ChainAnchor anchor)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("siteId", anchor.SiteId);
            json.WriteNumber("sequence", anchor.Sequence);
            json.WriteString("hash", anchor.Hash);
            Instant(json, "anchoredAt", anchor.AnchoredAt);
            json.WriteEndObject();
        }

        output.Write("\n"u8);
        return output.WrittenSpan.ToArray();
    }

    public static string ActionName(LogAction action) => action switch
    {
        LogAction.View => "view",
        LogAction.Export => "export",
        LogAction.Disclosure => "disclosure",
        LogAction.Denied => "denied",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static void Instant(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            Span<char> text = stackalloc char[32];
            // "O" of a UTC DateTime is exactly yyyy-MM-ddTHH:mm:ss.fffffffZ, on the runtime's fast path.
            instant.UtcDateTime.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture);
            json.WriteString(name, text[..written]);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
