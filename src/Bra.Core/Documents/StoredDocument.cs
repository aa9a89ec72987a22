namespace Bra.Core.Documents;

/// <summary>A stored file (a consultation's document, an answer's attachment, an agreement): referenced by id from any workflow.</summary>
public sealed record StoredDocument(string Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string? UploadedBy);
