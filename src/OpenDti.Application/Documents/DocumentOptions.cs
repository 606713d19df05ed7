namespace OpenDti.Application.Documents;

/// <summary>
/// What every document this installation issues says of its issuer (configuration section
/// <c>OpenDti:Documents</c>). Every setting may stay empty: the document still renders, with dots where
/// the clerk writes by hand.
/// </summary>
public sealed class DocumentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Documents";

    /// <summary>Cơ quan chủ quản, above the issuing body ("UBND TỈNH MẪU"); a line break starts a new line.</summary>
    public string IssuingAuthority { get; set; } = string.Empty;

    /// <summary>Cơ quan ban hành ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG").</summary>
    public string IssuingBody { get; set; } = string.Empty;

    /// <summary>Địa danh of the date line ("Tỉnh Mẫu").</summary>
    public string Place { get; set; } = string.Empty;

    /// <summary>The signer's title ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC").</summary>
    public string SignerTitle { get; set; } = string.Empty;

    /// <summary>The signer's name.</summary>
    public string SignerName { get; set; } = string.Empty;

    /// <summary>The ký hiệu after the number ("BC-STTTT"): "Số:      /BC-STTTT".</summary>
    public string NumberPrefix { get; set; } = string.Empty;
}
