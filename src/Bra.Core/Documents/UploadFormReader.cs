using Microsoft.AspNetCore.Http;

namespace Bra.Core.Documents;

/// <summary>A file as posted with a form, read whole into memory (the form read capped its size).</summary>
public sealed record Upload(string FileName, byte[] Content);

/// <summary>The one place a posted file is buffered (edge: it reads the framework's <see cref="IFormFile"/>).</summary>
public static class UploadFormReader
{
    /// <summary>The file posted in <paramref name="field"/>, or null when none was chosen (an empty file counts as none).</summary>
    public static async Task<Upload?> ReadAsync(IFormCollection form, string field, CancellationToken ct)
    {
        if (form.Files.GetFile(field) is not { Length: > 0 } file)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return new Upload(file.FileName, buffer.ToArray());
    }
}
