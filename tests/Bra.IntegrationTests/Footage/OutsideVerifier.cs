using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bra.IntegrationTests.Footage;

/// <summary>
/// An access-log verifier written from docs/footage.md ("Re-verifying from outside") alone, as an auditor would write it:
/// it reads the JSON export and the anchor blobs and does not call the application's code.
/// </summary>
internal static class OutsideVerifier
{
    private static readonly string[] Members =
    [
        "id", "siteId", "sequence", "previousHash", "recordedAt", "actor", "actorName", "action", "cameraIds", "footageFrom", "footageTo",
        "purpose", "incidentRef", "policeCaseNumber", "requestingAuthority", "requestingOfficer", "legalGround", "handedOverAt",
        "handoverMethod", "attempted", "reason",
    ];

    private static readonly HashSet<string> Instants = ["recordedAt", "footageFrom", "footageTo", "handedOverAt"];

    /// <returns>Every problem found, in words; empty when every entry, link and anchor holds.</returns>
    public static List<string> Verify(IReadOnlyList<JsonElement> entries, IEnumerable<(string Blob, byte[] Content)> anchorBlobs)
    {
        var problems = new List<string>();
        var previous = new string('0', 64);
        var hashes = new Dictionary<long, string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var sequence = entry.GetProperty("sequence").GetInt64();
            var stored = entry.GetProperty("hash").GetString();
            if (sequence != i + 1)
            {
                problems.Add($"entry {i + 1}: sequence {sequence}");
            }

            if (entry.GetProperty("previousHash").GetString() != previous)
            {
                problems.Add($"entry {sequence}: previousHash does not match entry {sequence - 1}");
            }

            if (Hash(entry) != stored)
            {
                problems.Add($"entry {sequence}: hash does not match its content");
            }

            hashes[sequence] = stored!;
            previous = stored!;
        }

        long highest = 0;
        foreach (var (blob, content) in anchorBlobs.OrderBy(b => b.Blob, StringComparer.Ordinal))
        {
            var lines = Split(content);
            for (var n = 0; n < lines.Count; n++)
            {
                using var anchor = JsonDocument.Parse(lines[n]);
                var root = anchor.RootElement;
                var sequence = root.GetProperty("sequence").GetInt64();
                if (sequence < highest)
                {
                    problems.Add($"{blob} line {n + 1}: sequence {sequence} below an earlier anchor");
                }

                highest = Math.Max(highest, sequence);
                if (hashes.GetValueOrDefault(sequence) != root.GetProperty("hash").GetString())
                {
                    problems.Add($"{blob} line {n + 1}: entry {sequence} does not have the anchored hash");
                }

                if (!AnchorLine(root).SequenceEqual(lines[n]))
                {
                    problems.Add($"{blob} line {n + 1}: not in the anchor line form");
                }
            }
        }

        return problems;
    }

    public static string Hash(JsonElement entry) => Convert.ToHexStringLower(SHA256.HashData(Canonical(entry)));

    public static byte[] Canonical(JsonElement entry)
    {
        var text = new StringBuilder("{\"v\":1");
        foreach (var name in Members)
        {
            text.Append(",\"").Append(name).Append("\":");
            var value = entry.GetProperty(name);
            if (value.ValueKind == JsonValueKind.Null)
            {
                text.Append("null");
            }
            else if (name == "sequence")
            {
                text.Append(value.GetInt64().ToString(CultureInfo.InvariantCulture));
            }
            else if (name == "cameraIds")
            {
                text.Append('[').AppendJoin(',', value.EnumerateArray().Select(id => Quoted(id.GetString()!))).Append(']');
            }
            else
            {
                text.Append(Quoted(Instants.Contains(name) ? Instant(value.GetString()!) : value.GetString()!));
            }
        }

        if (entry.TryGetProperty("count", out var count) && count.ValueKind != JsonValueKind.Null)
        {
            text.Append(",\"count\":").Append(count.GetInt32().ToString(CultureInfo.InvariantCulture));
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    /// <summary>The line as the anchor line form writes it, with its line feed removed.</summary>
    private static byte[] AnchorLine(JsonElement anchor) => Encoding.UTF8.GetBytes(
        $"{{\"siteId\":{Quoted(anchor.GetProperty("siteId").GetString()!)},\"sequence\":{anchor.GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture)}," +
        $"\"hash\":{Quoted(anchor.GetProperty("hash").GetString()!)},\"anchoredAt\":{Quoted(Instant(anchor.GetProperty("anchoredAt").GetString()!))}}}");

    private static List<byte[]> Split(byte[] content)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                lines.Add(content[start..i]);
                start = i + 1;
            }
        }

        return lines;
    }

    private static string Instant(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Quoted(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                >= ' ' and <= '~' and not ('"' or '<' or '>' or '&' or '\'' or '+' or '`') => c.ToString(),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return text.Append('"').ToString();
    }
}
