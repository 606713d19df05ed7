using System.Globalization;
using System.Resources;
using OpenDti.Core.Text;
using OpenDti.Exchange.Documents;
using Xunit;

namespace OpenDti.Exchange.Tests;

/// <summary>The official layout's HTML (Nghị định 30/2020/NĐ-CP, Phụ lục I) and its texts.</summary>
public sealed class OfficialDocumentTests
{
    private static OfficialDocument Sample(string unitName = "Sở A") => new(
        new DocumentHeading("UBND TỈNH MẪU", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT", "Tỉnh Mẫu", new DateOnly(2026, 12, 6)),
        "BÁO CÁO",
        "Kết quả đánh giá, xếp hạng mức độ chuyển đổi số năm 2026",
        [
            new DocumentParagraph("Mở đầu."),
            new DocumentSection("I. Bảng"),
            new DocumentTable([[new("STT"), new("Đơn vị")]], [[new("1", Number: true), new(unitName, Lines: ["a.pdf (số 1)"])]]),
            new DocumentSection("II. Xếp hạng"),
            new DocumentTable([[new("Hạng")]], [[new("1")]], Wide: true, Widths: [100]),
            new DocumentParagraph("Kết luận."),
        ],
        ["Như trên", "Lưu: VT"],
        new DocumentSignature("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn An"));

    [Fact]
    public void Html_HasTheHeadingTitleBodyRecipientsAndSignature_InOrder()
    {
        var html = OfficialDocumentWriter.Html(Sample(), Language.Vietnamese);

        string[] inOrder =
        [
            "UBND TỈNH MẪU", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "/BC-STTTT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Tỉnh Mẫu, ngày 06 tháng 12 năm 2026", "BÁO CÁO", "Kết quả đánh giá, xếp hạng", "Mở đầu.", "<thead>", "Sở A", "<li>a.pdf (số 1)</li>",
            "<section class=\"wide-part\">\n<h2>II. Xếp hạng</h2>", "</section>", "Kết luận.", "Nơi nhận:", "<div>- Như trên;</div>", "<div>- Lưu: VT.</div>",
            "KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC", "Nguyễn Văn An",
        ];
        var at = 0;
        foreach (var text in inOrder)
        {
            var found = html.IndexOf(text, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{text}' is not after position {at}");
            at = found + text.Length;
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("thead { display: table-header-group; }", html, StringComparison.Ordinal);
        Assert.Contains("size: A4 portrait", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_AreEncoded_NeverMarkup()
    {
        var html = OfficialDocumentWriter.Article(Sample("<script>alert(1)</script> & Co"), Language.Vietnamese);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2026, 12, 6, "Tỉnh Mẫu", "Tỉnh Mẫu, ngày 06 tháng 12 năm 2026")]
    [InlineData(2026, 2, 15, "Tỉnh Mẫu", "Tỉnh Mẫu, ngày 15 tháng 02 năm 2026")]
    [InlineData(2026, 1, 31, "Tỉnh Mẫu", "Tỉnh Mẫu, ngày 31 tháng 01 năm 2026")]
    [InlineData(2026, 3, 5, "Tỉnh Mẫu", "Tỉnh Mẫu, ngày 05 tháng 3 năm 2026")]
    [InlineData(2026, 10, 20, "", "……, ngày 20 tháng 10 năm 2026")]
    public void DateLine_WritesDaysBelow10AndJanuaryAndFebruary_WithALeadingZero(int year, int month, int day, string place, string expected) =>
        Assert.Equal(expected, OfficialDocumentWriter.DateLine(place, new DateOnly(year, month, day), Language.Vietnamese));

    [Fact]
    public void NumberLine_LeavesTheNumberForTheClerk()
    {
        Assert.Equal("Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-STTTT", OfficialDocumentWriter.NumberLine("BC-STTTT", Language.Vietnamese));
        Assert.Equal("Số: ………", OfficialDocumentWriter.NumberLine(" ", Language.Vietnamese));
    }

    [Fact]
    public void EveryDocumentText_HasItsEnglish()
    {
        var manager = new ResourceManager("OpenDti.Exchange.Documents.DocumentText", typeof(OfficialDocumentWriter).Assembly);
        var vietnamese = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var english = manager.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.NotEmpty(vietnamese);
        Assert.Equal(vietnamese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(vietnamese.Keys, key => Assert.NotEqual(string.Empty, english[key]));
    }
}
