using System.Buffers.Binary;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Evidence judged by what it holds, not by its first bytes: Office packages opened as ZIPs within
/// limits and without macros, legacy Office files read as compound files, PDFs and images checked to
/// their end, file names cleaned of what hides. Every file is built from bytes in the test, and every
/// refusal is checked whole: the file's name, the indicator and, for a package, the part.
/// </summary>
public sealed class EvidenceContentTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private int _periodId;
    private int _soA;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Actor ReporterA => Actors.Reporter(_soA);

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync()).Id;
        _soA = (await _province.UnitAsync("SO-A")).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Office Open XML: packages, limits, macros

    [Fact]
    public async Task Docx_WithAVbaProject_IsRefused_NamingThePart()
    {
        var bytes = SampleFiles.DocxWith(extraParts: ("word/vbaProject.bin", SampleFiles.Doc(macros: true)));

        var outcome = await UploadAsync("Kế hoạch.docx", bytes);

        AssertRefused(outcome, "Kế hoạch.docx", "gói chứa macro (phần `word/vbaProject.bin`): không nhận tệp có macro; hãy lưu lại thành tài liệu Word (.docx) không có macro");
    }

    [Theory]
    [InlineData("application/vnd.ms-word.document.macroEnabled.main+xml", "", "word/document.xml")]
    [InlineData(SampleFiles.DocxMainType, "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>", "[Content_Types].xml")]
    [InlineData(SampleFiles.DocxMainType, "<Override PartName=\"/word/vbaData.bin\" ContentType=\"application/vnd.ms-word.vbaData+xml\"/>", "word/vbaData.bin")]
    public async Task Docx_DeclaringMacroContent_IsRefused_EvenWithoutAVbaProject(string mainType, string contentTypes, string part)
    {
        var outcome = await UploadAsync("Kế hoạch.docx", SampleFiles.DocxWith(mainType, contentTypes));

        AssertRefused(outcome, "Kế hoạch.docx", $"gói chứa macro (phần `{part}`): không nhận tệp có macro; hãy lưu lại thành tài liệu Word (.docx) không có macro");
    }

    [Fact]
    public async Task Docx_WithAnActiveXControl_IsRefused()
    {
        var bytes = SampleFiles.DocxWith(extraParts: ("word/activeX/activeX1.xml", "<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>"u8.ToArray()));

        var outcome = await UploadAsync("Biểu mẫu.docx", bytes);

        AssertRefused(outcome, "Biểu mẫu.docx", "gói chứa điều khiển ActiveX (phần `word/activeX/activeX1.xml`): không được nhận");
    }

    [Fact]
    public async Task Docx_EmbeddingAnOleObjectWithMacros_IsRefused_ButOneWithout_IsAccepted()
    {
        var withMacros = SampleFiles.DocxWith(extraParts: ("word/embeddings/oleObject1.bin", SampleFiles.Doc(macros: true)));
        var plain = SampleFiles.DocxWith(extraParts: ("word/embeddings/oleObject1.bin", SampleFiles.Xls()));

        var refused = await UploadAsync("Báo cáo.docx", withMacros);
        var accepted = await UploadAsync("Báo cáo kèm bảng.docx", plain);

        AssertRefused(refused, "Báo cáo.docx", "đối tượng nhúng `word/embeddings/oleObject1.bin` chứa macro (`Macros`): không nhận tệp có macro");
        Assert.True(accepted.Succeeded, accepted.Message?.ToString());
    }

    [Fact]
    public async Task Docx_EmbeddingAMacroEnabledWorkbook_IsRefused()
    {
        var workbook = SampleFiles.DocxWith(extraParts: ("xl/vbaProject.bin", new byte[64]));
        var bytes = SampleFiles.DocxWith(extraParts: ("word/embeddings/Bảng.zip", workbook));

        var outcome = await UploadAsync("Báo cáo.docx", bytes);

        AssertRefused(outcome, "Báo cáo.docx", "đối tượng nhúng `word/embeddings/Bảng.zip` chứa macro (`xl/vbaProject.bin`): không nhận tệp có macro");
    }

    [Fact]
    public async Task ZipBomb_DeclaringASmallSize_IsRefused_ByItsCompressionRatio_WithoutUnpackingIt()
    {
        // 32 MB of one letter packs to about 32 KB, and the headers claim 1 KB. Unpacking stops at 100 times
        // the file's size, about 3 MB.
        var bomb = SampleFiles.DocxBomb(32 * 1024 * 1024);

        var outcome = await UploadAsync("Kế hoạch.docx", bomb);

        Assert.True(bomb.Length < 64 * 1024, $"the bomb is {bomb.Length} bytes");
        AssertRefused(outcome, "Kế hoạch.docx", "nội dung giải nén ra hơn 100 lần kích thước tệp (đến phần `word/document.xml`): có thể là bom nén");
    }

    [Fact]
    public async Task ZipBomb_BesideALargeImage_IsRefused_ByThePartsRatio()
    {
        // The image keeps the ratio of the whole file low; the bomb's own ratio gives it away.
        var noise = new byte[2 * 1024 * 1024];
        new Random(3).NextBytes(noise);
        var bytes = SampleFiles.DocxWith(extraParts: [("word/media/image1.png", noise), ("word/styles.xml", Encoding.ASCII.GetBytes(new string('A', 8 * 1024 * 1024)))]);

        var outcome = await UploadAsync("Kế hoạch.docx", bytes);

        AssertRefused(outcome, "Kế hoạch.docx", "phần `word/styles.xml` nén với tỉ lệ hơn 200:1: có thể là bom nén");
    }

    [Fact]
    public async Task ZipBomb_IsRefused_ByThePartsRatio_AlsoWhenTheOverallRatioIsLifted()
    {
        var options = new EvidenceOptions { MaxCompressionRatio = int.MaxValue };

        var outcome = await UploadAsync("Kế hoạch.docx", SampleFiles.DocxBomb(16 * 1024 * 1024), options: options);

        AssertRefused(outcome, "Kế hoạch.docx", "phần `word/document.xml` nén với tỉ lệ hơn 200:1: có thể là bom nén");
    }

    [Fact]
    public async Task Package_UnpackingToMoreThanTheLimit_IsRefused_CountingWhatComesOut()
    {
        var noise = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(noise);
        var bytes = SampleFiles.DocxWith(extraParts: ("word/media/image1.png", noise));

        var outcome = await UploadAsync("Ảnh chụp.docx", bytes, options: new EvidenceOptions { MaxUnpackedBytes = 2 * 1024 * 1024 });

        AssertRefused(outcome, "Ảnh chụp.docx", "nội dung giải nén ra hơn 2 MB (đến phần `word/media/image1.png`): có thể là bom nén");
    }

    [Fact]
    public async Task Package_WithMorePartsThanTheLimit_IsRefused()
    {
        var bytes = SampleFiles.DocxWith(extraParts: [("word/styles.xml", "<w:styles/>"u8.ToArray()), ("word/settings.xml", "<w:settings/>"u8.ToArray())]);

        var outcome = await UploadAsync("Kế hoạch.docx", bytes, options: new EvidenceOptions { MaxPackageEntries = 4 });

        AssertRefused(outcome, "Kế hoạch.docx", "gói có 5 phần, nhiều hơn giới hạn 4 phần");
    }

    [Fact]
    public async Task Package_WhosePartIsLargerThanItDeclares_IsRefused()
    {
        var bytes = SampleFiles.WithDeclaredSize(SampleFiles.DocxWith(extraParts: ("word/styles.xml", Encoding.ASCII.GetBytes(new string('x', 5000)))), "word/styles.xml", 100);

        var outcome = await UploadAsync("Kế hoạch.docx", bytes);

        AssertRefused(outcome, "Kế hoạch.docx", "phần `word/styles.xml` khai kích thước 100 byte nhưng giải nén ra 5.000 byte");
    }

    [Fact]
    public async Task Package_WhoseMainPartIsATemplate_IsRefused_AsNotADocument()
    {
        var bytes = SampleFiles.DocxWith("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml");

        var outcome = await UploadAsync("Mẫu.docx", bytes);

        AssertRefused(
            outcome,
            "Mẫu.docx",
            "phần chính `word/document.xml` có kiểu `application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml`, không phải kiểu của tài liệu Word (.docx)");
    }

    [Fact]
    public async Task Package_WithoutAKnownMainPart_IsRefused_AsAnotherOfficePackage()
    {
        var visio = Rename(SampleFiles.Docx(), "word/document.xml", "visio/pages/p.xml");

        var outcome = await UploadAsync("Sơ đồ.docx", visio);

        AssertRefused(
            outcome,
            "Sơ đồ.docx",
            "nội dung tệp là gói Office Open XML khác (không phải .docx, .xlsx, .pptx), không phải loại được nhận (.pdf, .png, .jpg, .jpeg, .gif, .docx, .xlsx, .pptx, .doc, .xls)",
            "APP-EVIDENCE-TYPE");
    }

    // ---- Legacy Office: compound files

    [Fact]
    public async Task Ole_RandomBytesBehindTheMagic_AreRefused()
    {
        var outcome = await UploadAsync("Công văn.doc", SampleFiles.OleMagicThenRandom());

        AssertRefused(outcome, "Công văn.doc", "tệp bắt đầu như tài liệu Office cũ (OLE) nhưng phần đầu tệp không hợp lệ");
    }

    [Fact]
    public async Task Ole_WithAnAllocationLoop_IsRefused()
    {
        var bytes = SampleFiles.Doc();
        // One allocation sector (sector 0), the directory in sector 1: make sector 1 follow itself.
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(512 + 4), 1);

        var outcome = await UploadAsync("Công văn.doc", bytes);

        AssertRefused(outcome, "Công văn.doc", "tệp bắt đầu như tài liệu Office cũ (OLE) nhưng bảng cấp phát vùng dữ liệu trỏ ra ngoài tệp hoặc lặp vòng");
    }

    [Theory]
    [InlineData("doc", "Công văn.doc", "tài liệu Word cũ (.doc) chứa macro (kho `Macros`)")]
    [InlineData("xls", "Bảng lương.xls", "bảng tính Excel cũ (.xls) chứa macro (kho `_VBA_PROJECT_CUR`)")]
    public async Task Ole_WithAMacroStorage_IsRefused(string kind, string fileName, string reason)
    {
        var bytes = kind == "doc" ? SampleFiles.Doc(macros: true) : SampleFiles.Xls(macros: true);

        var outcome = await UploadAsync(fileName, bytes);

        AssertRefused(outcome, fileName, reason + ": không nhận tệp có macro; hãy lưu lại tệp không có macro");
    }

    [Fact]
    public async Task Ole_WhoseWordStreamIsNotWords_IsRefused()
    {
        var bytes = new CompoundFileBuilder().Stream("WordDocument", new byte[5000]).Build();

        var outcome = await UploadAsync("Công văn.doc", bytes);

        AssertRefused(outcome, "Công văn.doc", "tệp bắt đầu như tài liệu Office cũ (OLE) nhưng luồng WordDocument không bắt đầu bằng dấu hiệu của Word");
    }

    [Fact]
    public async Task Ole_ThatIsNeitherWordNorExcel_IsRefused_AsAnotherLegacyOfficeFile()
    {
        var bytes = new CompoundFileBuilder().Stream("PowerPoint Document", new byte[100]).Build();

        var outcome = await UploadAsync("Trình bày.doc", bytes);

        AssertRefused(
            outcome,
            "Trình bày.doc",
            "nội dung tệp là tài liệu Office cũ khác (không phải .doc, .xls), không phải loại được nhận (.pdf, .png, .jpg, .jpeg, .gif, .docx, .xlsx, .pptx, .doc, .xls)",
            "APP-EVIDENCE-TYPE");
    }

    // ---- PDF

    [Theory]
    [InlineData("/OpenAction <</S /JavaScript /JS (app.alert(1))>>", "/JS, /JavaScript")]
    [InlineData("/OpenAction <</S /Launch /F (cmd.exe)>>", "/Launch")]
    [InlineData("/Names <</EmbeddedFiles <</Names [(a.exe) <</Type /Filespec /EF <</F 9 0 R>>>>]>>>>", "/EmbeddedFiles")]
    [InlineData("/AA <</O <</S /RichMedia>>>>", "/RichMedia")]
    [InlineData("/OpenAction <</S /Java#53cript /J#53 (app.alert(1))>>", "/JS, /JavaScript")]
    public async Task Pdf_WithActiveContent_IsRefused_SayingWhich(string catalogEntries, string names)
    {
        var outcome = await UploadAsync("Quyết định.pdf", SampleFiles.PdfWithCatalog(catalogEntries));

        AssertRefused(
            outcome,
            "Quyết định.pdf",
            $"tệp PDF chứa nội dung chủ động ({names}): không nhận mã chạy, lệnh mở chương trình, tệp đính kèm hay đa phương tiện nhúng; hãy in lại thành tệp PDF thường");
    }

    [Fact]
    public async Task Pdf_WithAScriptInACompressedObjectStream_IsRefused()
    {
        var bytes = SampleFiles.PdfWithObjectStream("<</S /JavaScript /JS (app.alert(1))>>");

        var outcome = await UploadAsync("Quyết định.pdf", bytes);

        Assert.False(Encoding.ASCII.GetString(bytes).Contains("JavaScript", StringComparison.Ordinal), "the script must be hidden from a plain search");
        AssertRefused(
            outcome,
            "Quyết định.pdf",
            "tệp PDF chứa nội dung chủ động (/JS, /JavaScript): không nhận mã chạy, lệnh mở chương trình, tệp đính kèm hay đa phương tiện nhúng; hãy in lại thành tệp PDF thường");
    }

    [Fact]
    public async Task Pdf_WithAnInnocentObjectStream_IsAccepted()
    {
        var outcome = await UploadAsync("Quyết định.pdf", SampleFiles.PdfWithObjectStream("<</Type /Annot /Subtype /Link>>"));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
    }

    [Fact]
    public async Task Html_BehindAPdfHeader_IsRefused()
    {
        var bytes = "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"u8.ToArray();

        var outcome = await UploadAsync("Quyết định.pdf", bytes);

        AssertRefused(outcome, "Quyết định.pdf", "nội dung có mã HTML hoặc script (`<html`) dưới phần đầu của tệp PDF: không nhận tệp giả dạng");
    }

    [Theory]
    [InlineData("%PDF-1.4\n1 0 obj <<>> endobj\nstartxref\n9\n", "không có dấu kết thúc %%EOF ở cuối tệp")]
    [InlineData("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "không có startxref chỉ tới bảng tham chiếu")]
    [InlineData("%PDF-1.4\nstartxref\n99999\n%%EOF\n", "không có startxref chỉ tới bảng tham chiếu")]
    [InlineData("%PDF-1.4\nkhông phải PDF\nstartxref\n9\n%%EOF\n", "không có đối tượng nào (n n obj)")]
    public async Task Pdf_WithoutThePdfStructure_IsRefused(string text, string detail)
    {
        var outcome = await UploadAsync("Quyết định.pdf", Encoding.UTF8.GetBytes(text));

        AssertRefused(outcome, "Quyết định.pdf", "tệp bắt đầu như tệp PDF nhưng không có cấu trúc PDF: " + detail);
    }

    // ---- Images

    [Theory]
    [InlineData("png-trailing", "Ảnh.png", "tệp bắt đầu như ảnh PNG nhưng cấu trúc ảnh không hợp lệ: có dữ liệu lạ sau phần kết thúc của ảnh")]
    [InlineData("png-truncated", "Ảnh.png", "tệp bắt đầu như ảnh PNG nhưng cấu trúc ảnh không hợp lệ: không có khối kết thúc IEND")]
    [InlineData("png-magic-only", "Ảnh.png", "tệp bắt đầu như ảnh PNG nhưng cấu trúc ảnh không hợp lệ: không có khối kết thúc IEND")]
    [InlineData("png-script", "Ảnh.png", "nội dung có mã HTML hoặc script (`<script`) dưới phần đầu của ảnh PNG: không nhận tệp giả dạng")]
    [InlineData("jpeg-truncated", "Ảnh.jpg", "tệp bắt đầu như ảnh JPEG nhưng cấu trúc ảnh không hợp lệ: không có dấu kết thúc ảnh JPEG (EOI)")]
    [InlineData("jpeg-magic-only", "Ảnh.jpg", "tệp bắt đầu như ảnh JPEG nhưng cấu trúc ảnh không hợp lệ: các đoạn JPEG không hợp lệ (SOI, khung ảnh, vùng quét, EOI)")]
    [InlineData("gif-truncated", "Ảnh.gif", "tệp bắt đầu như ảnh GIF nhưng cấu trúc ảnh không hợp lệ: không có dấu kết thúc GIF (0x3B)")]
    public async Task Image_WhoseStructureEndsWrong_IsRefused(string kind, string fileName, string reason)
    {
        byte[] bytes = kind switch
        {
            "png-trailing" => [.. SampleFiles.Png(), .. "PK\u0003\u0004 a zip after the image"u8],
            "png-truncated" => SampleFiles.Png()[..^12],
            "png-magic-only" => SampleFiles.Png()[..8],
            "png-script" => [.. SampleFiles.Png(), .. "<script>alert(1)</script>"u8],
            "jpeg-truncated" => SampleFiles.Jpeg()[..^2],
            "jpeg-magic-only" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00],
            _ => SampleFiles.Gif()[..^1],
        };

        var outcome = await UploadAsync(fileName, bytes);

        AssertRefused(outcome, fileName, reason);
    }

    [Fact]
    public async Task Jpeg_WithAPhonesDataAfterTheEnd_IsAccepted()
    {
        var outcome = await UploadAsync("Ảnh chụp.jpg", [.. SampleFiles.Jpeg(), .. "SEFT\0\0\0\u0001"u8]);

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
    }

    // ---- File names

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    [InlineData('\u200E')]
    [InlineData('\u200F')]
    [InlineData('\u061C')]
    [InlineData('\u200B')]
    [InlineData('\u200C')]
    [InlineData('\u200D')]
    [InlineData('\u2060')]
    [InlineData('\uFEFF')]
    public async Task FileName_LosesBidiAndZeroWidthCharacters(char hidden)
    {
        var outcome = await UploadAsync($"ho{hidden}á đơ{hidden}n.pdf{hidden}", SampleFiles.Pdf());

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal("hoá đơn.pdf", outcome.Value!.FileName);
    }

    [Fact]
    public async Task FileName_WithARightToLeftOverride_IsCheckedAsItIsShownOnceCleaned()
    {
        // Displayed as "hoá đơnexe.pdf" when the override is kept; cleaned, it is what it is: an .exe.
        var outcome = await UploadAsync("hoá đơn\u202Efdp.exe", SampleFiles.Pdf());

        AssertRefused(outcome, "hoá đơnfdp.exe", "tệp có đuôi .exe nhưng nội dung là tệp PDF; hãy đặt đuôi .pdf hoặc chọn đúng tệp", "APP-EVIDENCE-EXTENSION");
    }

    [Fact]
    public async Task FileName_JoinedByAZeroWidthCharacterToItsAccent_IsComposed()
    {
        var outcome = await UploadAsync("Quye\u0302\u200B\u0301t \u0111i\u0323nh\uDB40\uDC41.pdf", SampleFiles.Pdf());

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal("Quyết định.pdf", outcome.Value!.FileName);
        Assert.True(outcome.Value.FileName.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task FileName_EmptyOnceCleaned_IsRefused()
    {
        var outcome = await UploadAsync("\u202E\u200B\u0007\u2066", SampleFiles.Pdf());

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(
            "không nhận tệp \"(không tên)\" làm minh chứng cho chỉ số 2.1: tên tệp không còn ký tự nào sau khi bỏ ký tự điều khiển, ký tự định hướng văn bản và ký tự ẩn; hãy đổi tên tệp",
            outcome.Message!.ToString(Language.Vietnamese));
        Assert.Equal(
            "file \"(no name)\" was not accepted as evidence for indicator 2.1: nothing is left of the file name once control, text-direction and invisible characters are removed: rename the file",
            outcome.Message.ToString(Language.English));
    }

    // ---- Messages in English

    [Fact]
    public async Task Refusals_AreInEnglish_WhenAskedFor()
    {
        var macro = await UploadAsync("Plan.docx", SampleFiles.DocxWith(extraParts: ("word/vbaProject.bin", new byte[64])));
        var bomb = await UploadAsync("Plan.docx", SampleFiles.DocxBomb(8 * 1024 * 1024));
        var pdf = await UploadAsync("Decision.pdf", SampleFiles.PdfWithCatalog("/OpenAction <</S /Launch>>"));

        Assert.Equal(
            "file \"Plan.docx\" was not accepted as evidence for indicator 2.1: the package holds macros (part `word/vbaProject.bin`): files with macros are not accepted; save it again as a Word document (.docx) without macros",
            macro.Message!.ToString(Language.English));
        Assert.Equal(
            "file \"Plan.docx\" was not accepted as evidence for indicator 2.1: the content unpacks to more than 100 times the file's size (at part `word/document.xml`): possibly a ZIP bomb",
            bomb.Message!.ToString(Language.English));
        Assert.Equal(
            "file \"Decision.pdf\" was not accepted as evidence for indicator 2.1: the PDF holds active content (/Launch): scripts, launch actions, attached files and embedded media are not accepted; print it again to a plain PDF",
            pdf.Message!.ToString(Language.English));
    }

    // ---- Helpers

    private static void AssertRefused<T>(Outcome<T> outcome, string fileName, string reason, string code = "APP-EVIDENCE-CONTENT")
    {
        var message = $"không nhận tệp \"{fileName}\" làm minh chứng cho chỉ số 2.1: {reason}";
        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(message, outcome.Message!.ToString(Language.Vietnamese));
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((code, message, "file"), (problem.Code, problem.Message.ToString(Language.Vietnamese), problem.Input));
    }

    /// <summary><paramref name="zip"/> with the entry <paramref name="from"/> renamed <paramref name="to"/> (a name of the same length).</summary>
    private static byte[] Rename(byte[] zip, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var text = Encoding.Latin1.GetString(zip).Replace(from, to, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text);
    }

    private Task<Outcome<EvidenceItem>> UploadAsync(string fileName, byte[] bytes, EvidenceOptions? options = null) =>
        _province.InScopeAsync(s => Service(s, options).UploadAsync(
            ReporterA, _periodId, "SO-A", new EvidenceUpload("2.1", fileName, new MemoryStream(bytes)), AuditChannel.Page, Ct));

    private static EvidenceService Service(IServiceProvider services, EvidenceOptions? options) => options is null
        ? services.GetRequiredService<EvidenceService>()
        : new EvidenceService(
            services.GetRequiredService<OpenDtiDbContext>(),
            services.GetRequiredService<FrameworkCatalog>(),
            services.GetRequiredService<TimeProvider>(),
            Options.Create(options));
}
