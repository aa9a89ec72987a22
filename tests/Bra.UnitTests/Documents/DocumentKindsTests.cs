using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Bra.Core.Documents;

namespace Bra.UnitTests.Documents;

/// <summary>The ODT check reads the <c>mimetype</c> entry with a hard cap, whatever the archive declares.</summary>
public sealed class DocumentKindsTests
{
    private const string OdtMimetype = "application/vnd.oasis.opendocument.text";
    private const int BombBytes = 32 * 1024 * 1024;

    [Fact]
    public void ContentMatches_OdtWithHugeMimetypeEntry_FalseWithoutInflatingIt()
    {
        var zip = Odt(new string('a', BombBytes), declaredSize: null);
        Assert.True(zip.Length < 200_000, $"the crafted archive is {zip.Length} bytes");

        var (matches, allocated) = Check(zip);

        Assert.False(matches);
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ContentMatches_OdtWhoseHeaderUnderstatesMimetypeSize_FalseWithBoundedRead()
    {
        // Declares 200 bytes (under the cap), holds 32 MB: never more than the cap is inflated.
        var zip = Odt(new string('a', BombBytes), declaredSize: 200);

        var (matches, allocated) = Check(zip);

        Assert.False(matches);
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ContentMatches_OdtDeclaringHugeMimetypeSize_False()
    {
        var zip = Odt(OdtMimetype, declaredSize: int.MaxValue);

        Assert.False(DocumentKinds.ContentMatches(DocumentKind.Odt, zip));
    }

    [Fact]
    public void ContentMatches_OdtWithMimetypeAtCap_ReadsIt()
    {
        Assert.True(DocumentKinds.ContentMatches(DocumentKind.Odt, Odt(OdtMimetype + new string(' ', DocumentKinds.MaxMimetypeBytes - OdtMimetype.Length), null)));
        Assert.False(DocumentKinds.ContentMatches(DocumentKind.Odt, Odt(OdtMimetype + new string(' ', DocumentKinds.MaxMimetypeBytes - OdtMimetype.Length + 1), null)));
    }

    private static (bool Matches, long Allocated) Check(byte[] zip)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var matches = DocumentKinds.ContentMatches(DocumentKind.Odt, zip);
        return (matches, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>An ODT-shaped zip; with <paramref name="declaredSize"/> the mimetype entry's uncompressed size is rewritten in both headers.</summary>
    private static byte[] Odt(string mimetype, long? declaredSize)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("mimetype", CompressionLevel.Optimal).Open(), Encoding.ASCII))
            {
                writer.Write(mimetype);
            }

            using (var writer = new StreamWriter(zip.CreateEntry("content.xml").Open(), Encoding.UTF8))
            {
                writer.Write("<office:document-content/>");
            }
        }

        var bytes = buffer.ToArray();
        if (declaredSize is { } size)
        {
            // Local file header: signature PK\3\4, uncompressed size at offset 22. Central directory header: PK\1\2, at offset 24.
            Patch(bytes, [0x50, 0x4b, 0x03, 0x04], 22, (uint)size);
            Patch(bytes, [0x50, 0x4b, 0x01, 0x02], 24, (uint)size);
        }

        return bytes;
    }

    /// <summary>Rewrites the field in the first header with this signature (the mimetype entry is the first entry).</summary>
    private static void Patch(byte[] zip, byte[] signature, int offset, uint value)
    {
        var at = zip.AsSpan().IndexOf(signature);
        Assert.True(at >= 0);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + offset), value);
    }
}
