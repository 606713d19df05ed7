namespace OpenDti.Data.Evidence;

/// <summary>
/// A file a unit attached as evidence (minh chứng) to an indicator in a period, with the official
/// fields of the document it is: number (số hiệu), issue date (ngày ban hành) and summary (trích yếu).
/// The bytes are in <see cref="EvidenceContent"/>, a table of their own, so that listing a unit's
/// evidence never reads them.
/// </summary>
/// <remarks>
/// A deleted file is kept with <see cref="DeletedAt"/> and <see cref="DeletedBy"/> set (a soft delete):
/// what a unit showed and then withdrew stays available to an inspector, and the SHA-256 written in
/// the audit can always be checked against the stored bytes.
/// </remarks>
public sealed class EvidenceFile
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The indicator code.</summary>
    public required string Indicator { get; set; }

    /// <summary>The file name as uploaded, without any folder and control characters.</summary>
    public required string FileName { get; set; }

    /// <summary>The content type detected from the bytes ("application/pdf").</summary>
    public required string ContentType { get; set; }

    /// <summary>The size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>The SHA-256 of the bytes, 64 lower-case hexadecimal digits.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The document's number (số hiệu, "125/QĐ-UBND"), when given.</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>The day the document was issued (ngày ban hành), when given.</summary>
    public DateOnly? IssuedOn { get; set; }

    /// <summary>The document's summary (trích yếu), when given.</summary>
    public string? Summary { get; set; }

    /// <summary>Who uploaded it (user name).</summary>
    public required string UploadedBy { get; set; }

    /// <summary>When it was uploaded (UTC).</summary>
    public DateTime UploadedAt { get; set; }

    /// <summary>When it was deleted (UTC); null while it is part of the unit's evidence.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Who deleted it.</summary>
    public string? DeletedBy { get; set; }

    /// <summary>The appeal this file supports, when it was filed with one (it is then not listed with the indicator's evidence).</summary>
    public int? AppealId { get; set; }

    /// <summary>The plan progress report the file documents (<see cref="Plans.PlanProgress"/>), when it is one; not evidence of the indicator.</summary>
    public int? ProgressId { get; set; }

    /// <summary>The bytes; loaded only when asked for.</summary>
    public EvidenceContent? Content { get; set; }
}

/// <summary>The bytes of an <see cref="EvidenceFile"/>, kept in the database so that every web instance serves the same files.</summary>
public sealed class EvidenceContent
{
    /// <summary>The evidence file (also the key).</summary>
    public long EvidenceId { get; set; }

    /// <summary>The file's bytes.</summary>
    public required byte[] Bytes { get; set; }
}
