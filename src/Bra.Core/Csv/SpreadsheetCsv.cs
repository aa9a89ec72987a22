using CsvHelper;

namespace Bra.Core.Csv;

/// <summary>
/// The one CSV convention of every export (the consultation compilation, the camera register), chosen so that Excel
/// with Swedish regional settings opens the file by double-click with columns and å, ä, ö intact:
/// UTF-8 with a byte order mark (without it Excel reads the file as Windows-1252), semicolon as separator (Excel
/// splits on the regional list separator, which is ";" in Sweden because "," is the decimal separator), CRLF line
/// ends and RFC 4180 quoting, and cells that start with = + - @ (or tab/CR) prefixed with an apostrophe so that no
/// cell runs as a formula.
/// </summary>
public static class SpreadsheetCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = ';',
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    /// <summary>The file's bytes: the byte order mark, then what <paramref name="write"/> wrote.</summary>
    public static byte[] Write(Action<CsvWriter> write)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, true))
        {
            write(csv);
        }

        return stream.ToArray();
    }

    /// <summary>The file's bytes, from a writer that reads its rows as it goes.</summary>
    public static async Task<byte[]> WriteAsync(Func<CsvWriter, Task> write)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, true))
        {
            await write(csv);
        }

        return stream.ToArray();
    }
}
