namespace OpenDti.Exchange.Documents;

/// <summary>
/// A document laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the
/// heading (issuing authority and body, number, Quốc hiệu and Tiêu ngữ, place and date), the title, the
/// body, the recipients and the signature block.
/// </summary>
/// <param name="Heading">Who issues it, its number and date.</param>
/// <param name="Kind">The kind of document, written in capitals as its title ("BÁO CÁO").</param>
/// <param name="Subject">What it is about (trích yếu), under the kind.</param>
/// <param name="Body">The body, in order.</param>
/// <param name="Recipients">Nơi nhận, one line each ("Như trên", "Lưu: VT").</param>
/// <param name="Signature">Who signs.</param>
public sealed record OfficialDocument(
    DocumentHeading Heading, string Kind, string Subject, IReadOnlyList<DocumentBlock> Body, IReadOnlyList<string> Recipients, DocumentSignature Signature);

/// <summary>The heading's settings and the document's date.</summary>
/// <param name="IssuingAuthority">Cơ quan chủ quản ("UBND TỈNH MẪU"); may be empty.</param>
/// <param name="IssuingBody">Cơ quan ban hành ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG"); may be empty.</param>
/// <param name="NumberPrefix">The document's ký hiệu after "Số: …/" ("BC-STTTT"); the number is left for the clerk.</param>
/// <param name="Place">Địa danh ("Tỉnh Mẫu"); may be empty.</param>
/// <param name="Date">The day the document is dated.</param>
public sealed record DocumentHeading(string IssuingAuthority, string IssuingBody, string NumberPrefix, string Place, DateOnly Date);

/// <summary>The signature block.</summary>
/// <param name="Title">The signer's title, one line per line break ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"); may be empty.</param>
/// <param name="Name">The signer's name; may be empty.</param>
public sealed record DocumentSignature(string Title, string Name);

/// <summary>A part of a document's body.</summary>
public abstract record DocumentBlock;

/// <summary>A numbered part's heading ("I. KẾT QUẢ THEO CHỈ SỐ CHÍNH").</summary>
/// <param name="Text">The heading.</param>
public sealed record DocumentSection(string Text) : DocumentBlock;

/// <summary>A paragraph.</summary>
/// <param name="Text">The text.</param>
public sealed record DocumentParagraph(string Text) : DocumentBlock;

/// <summary>
/// A table: header rows repeated on every page, body rows never split across pages. A wide table is
/// printed on landscape pages of its own.
/// </summary>
/// <param name="Head">The header rows.</param>
/// <param name="Rows">The body rows.</param>
/// <param name="Wide">Whether it needs a landscape page.</param>
/// <param name="Widths">Each column's share of the width in percent, or empty to let the browser decide.</param>
public sealed record DocumentTable(
    IReadOnlyList<IReadOnlyList<DocumentCell>> Head, IReadOnlyList<IReadOnlyList<DocumentCell>> Rows, bool Wide = false, IReadOnlyList<int>? Widths = null) : DocumentBlock;

/// <summary>A table cell.</summary>
/// <param name="Text">Its text.</param>
/// <param name="ColumnSpan">Columns it spans.</param>
/// <param name="RowSpan">Rows it spans.</param>
/// <param name="Number">Whether it holds a number (aligned right).</param>
/// <param name="Strong">Whether it is written in bold (a total, a main index).</param>
/// <param name="Lines">Lines written under the text, one per line (the evidence list).</param>
public sealed record DocumentCell(string Text, int ColumnSpan = 1, int RowSpan = 1, bool Number = false, bool Strong = false, IReadOnlyList<string>? Lines = null);
