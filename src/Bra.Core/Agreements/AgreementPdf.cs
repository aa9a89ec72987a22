using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Bra.Core.Agreements;

/// <summary>
/// The certificate of completion as a PDF, drawn with PDFsharp. Linux hosts (Azure Functions on Flex Consumption
/// included) have no font PDFsharp can find on its own, so DejaVu Sans (free licence, see Fonts/LICENSE-DejaVu.txt) is
/// embedded in this assembly and served by a font resolver.
/// </summary>
public static class AgreementPdf
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock FontLock = new();

    public static byte[] Render(string title, IReadOnlyList<(string Heading, IReadOnlyList<(string Label, string Value)> Lines)> sections, DateTimeOffset createdAt)
    {
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "Lokala BRÅ";
        document.Info.CreationDate = createdAt.UtcDateTime;
        document.Info.ModificationDate = createdAt.UtcDateTime;
        var writer = new Writer(document);
        writer.Line(title, writer.TitleFont, 16);
        foreach (var (heading, lines) in sections)
        {
            writer.Space(6);
            writer.Line(heading, writer.BoldFont, 12);
            foreach (var (label, value) in lines)
            {
                writer.Wrapped(label.Length == 0 ? value : $"{label}: {value}");
            }
        }

        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
        }
    }

    /// <summary>Lines top to bottom on A4 pages, with simple word wrapping.</summary>
    private sealed class Writer(PdfDocument document) : IDisposable
    {
        private const double Margin = 50;
        private PdfPage? page;
        private XGraphics? gfx;
        private double y;

        public XFont TitleFont { get; } = new(Family, 16, XFontStyleEx.Bold);

        public XFont BoldFont { get; } = new(Family, 12, XFontStyleEx.Bold);

        private XFont Body { get; } = new(Family, 9, XFontStyleEx.Regular);

        public void Space(double points) => y += points;

        public void Line(string text, XFont font, double size)
        {
            Ensure(size + 6);
            gfx!.DrawString(text, font, XBrushes.Black, new XPoint(Margin, y + size));
            y += size + 6;
        }

        public void Wrapped(string text)
        {
            foreach (var line in Wrap(text))
            {
                Line(line, Body, 9);
            }
        }

        private IEnumerable<string> Wrap(string text)
        {
            Ensure(0);
            var width = page!.Width.Point - 2 * Margin;
            var current = "";
            foreach (var word in text.Replace('\n', ' ').Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (gfx!.MeasureString(candidate, Body).Width <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    yield return current;
                }

                current = word;
                while (current.Length > 1 && gfx.MeasureString(current, Body).Width > width)
                {
                    var cut = current.Length;
                    while (cut > 1 && gfx.MeasureString(current[..cut], Body).Width > width)
                    {
                        cut--;
                    }

                    yield return current[..cut];
                    current = current[cut..];
                }
            }

            if (current.Length > 0)
            {
                yield return current;
            }
        }

        private void Ensure(double height)
        {
            if (page is not null && y + height <= page.Height.Point - Margin)
            {
                return;
            }

            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        public void Dispose() => gfx?.Dispose();
    }

    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Fonts.{faceName}.ttf")
                ?? throw new InvalidOperationException($"Font {faceName} is not embedded.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }
}
