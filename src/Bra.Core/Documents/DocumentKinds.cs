using System.IO.Compression;
using System.Text;

namespace Bra.Core.Documents;

public enum DocumentKind
{
    Pdf,
    Docx,
    Odt,
    Text,
    Markdown,
}

/// <summary>Decides a file's kind from its name and its content together; a file whose content does not match its name is refused.</summary>
public static class DocumentKinds
{
    public static readonly IReadOnlySet<DocumentKind> ConsultationDocuments = new HashSet<DocumentKind>
        { DocumentKind.Pdf, DocumentKind.Docx, DocumentKind.Odt, DocumentKind.Text, DocumentKind.Markdown };

    public static readonly IReadOnlySet<DocumentKind> AnswerAttachments = new HashSet<DocumentKind>
        { DocumentKind.Pdf, DocumentKind.Docx, DocumentKind.Odt };

    public static string ContentType(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentKind.Odt => "application/vnd.oasis.opendocument.text",
        DocumentKind.Text => "text/plain; charset=utf-8",
        _ => "text/markdown; charset=utf-8",
    };

    public static DocumentKind? FromName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => DocumentKind.Pdf,
        ".docx" => DocumentKind.Docx,
        ".odt" => DocumentKind.Odt,
        ".txt" => DocumentKind.Text,
        ".md" or ".markdown" => DocumentKind.Markdown,
        _ => null,
    };

    /// <summary>True when the bytes are what the name claims.</summary>
    public static bool ContentMatches(DocumentKind kind, byte[] content) => kind switch
    {
        DocumentKind.Pdf => content.AsSpan().StartsWith("%PDF-"u8),
        DocumentKind.Docx => ZipHas(content, names => names.Contains("[Content_Types].xml") && names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)), null),
        DocumentKind.Odt => ZipHas(content, names => names.Contains("mimetype"), "application/vnd.oasis.opendocument.text"),
        _ => IsText(content),
    };

    private static bool ZipHas(byte[] content, Func<HashSet<string>, bool> entries, string? mimetype)
    {
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return false;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!entries(names))
            {
                return false;
            }

            if (mimetype is null)
            {
                return true;
            }

            return ReadSmallEntry(zip.GetEntry("mimetype")!) is { } text && text.Trim() == mimetype;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Longest <c>mimetype</c> entry read; the ODF value is 39 bytes.</summary>
    internal const int MaxMimetypeBytes = 256;

    /// <summary>
    /// The entry as ASCII text, or null when it is longer than <see cref="MaxMimetypeBytes"/>. Both the declared size and
    /// the bytes actually inflated are checked, so neither a large entry (a zip bomb) nor a header that understates its
    /// size makes this read more than the cap.
    /// </summary>
    private static string? ReadSmallEntry(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxMimetypeBytes)
        {
            return null;
        }

        var buffer = new byte[MaxMimetypeBytes + 1];
        using var stream = entry.Open();
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read > MaxMimetypeBytes ? null : Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static bool IsText(byte[] content)
    {
        if (content.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
