using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Evidence (minh chứng) as units attach it: a file recognised by its content, with the number, date
/// and summary of its document, for an indicator that takes figures, by whoever may write the unit
/// while the period is open; read by whoever may read the unit; every upload and deletion audited.
/// </summary>
public sealed class EvidenceServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private int _periodId;
    private int _soA;
    private int _soB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Actor ReporterA => Actors.Reporter(_soA);

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync()).Id;
        _soA = (await _province.UnitAsync("SO-A")).Id;
        _soB = (await _province.UnitAsync("SO-B")).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Uploading

    [Fact]
    public async Task Upload_Pdf_IsStoredWithItsDocumentFields_AndListed()
    {
        var bytes = SampleFiles.Pdf();
        var now = _province.Database.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var outcome = await UploadAsync(ReporterA, "Quyết định số 12.pdf", bytes, number: "  125/QĐ-UBND ", issuedOn: "25/03/2024", summary: " Ban hành Kế hoạch chuyển đổi số năm 2024 ");

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        var item = outcome.Value!;
        Assert.Equal(
            ("2.1", "Quyết định số 12.pdf", "application/pdf", (long)bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))),
            (item.Indicator, item.FileName, item.ContentType, item.Size, item.Sha256));
        Assert.Equal(("125/QĐ-UBND", new DateOnly(2024, 3, 25), "Ban hành Kế hoạch chuyển đổi số năm 2024", "reporter"), (item.DocumentNumber, item.IssuedOn, item.Summary, item.UploadedBy));
        Assert.Equal(now, item.UploadedAt);
        Assert.Equal([item], await ListAsync(ReporterA));
    }

    [Theory]
    [InlineData("Báo cáo.pdf", "pdf", "application/pdf")]
    [InlineData("Ảnh chụp.png", "png", "image/png")]
    [InlineData("anh.JPG", "jpeg", "image/jpeg")]
    [InlineData("anh.jpeg", "jpeg", "image/jpeg")]
    [InlineData("so-do.gif", "gif", "image/gif")]
    [InlineData("Kế hoạch CĐS.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("Số liệu.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("Trình bày.pptx", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("Công văn cũ.doc", "doc", "application/msword")]
    [InlineData("Bảng cũ.xls", "xls", "application/vnd.ms-excel")]
    public async Task Upload_EachAcceptedKind_IsRecognisedByItsContent(string fileName, string kind, string contentType)
    {
        var outcome = await UploadAsync(ReporterA, fileName, Sample(kind));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal(contentType, outcome.Value!.ContentType);
    }

    [Theory]
    [InlineData("Quyết định.pdf", "png", "tệp có đuôi .pdf nhưng nội dung là ảnh PNG; hãy đặt đuôi .png hoặc chọn đúng tệp")]
    [InlineData("Kế hoạch.docx", "pdf", "tệp có đuôi .docx nhưng nội dung là tệp PDF; hãy đặt đuôi .pdf hoặc chọn đúng tệp")]
    [InlineData("Số liệu.xlsx", "docx", "tệp có đuôi .xlsx nhưng nội dung là tài liệu Word (.docx); hãy đặt đuôi .docx hoặc chọn đúng tệp")]
    [InlineData("Ảnh.jpg", "doc", "tệp có đuôi .jpg nhưng nội dung là tài liệu Word cũ (.doc); hãy đặt đuôi .doc hoặc chọn đúng tệp")]
    [InlineData("Bảng cũ.doc", "xls", "tệp có đuôi .doc nhưng nội dung là bảng tính Excel cũ (.xls); hãy đặt đuôi .xls hoặc chọn đúng tệp")]
    [InlineData("Quyết định", "pdf", "tên tệp không có đuôi; nội dung là tệp PDF, hãy đặt đuôi .pdf")]
    public async Task Upload_RenamedFile_IsRefused_SayingWhatItReallyIs(string fileName, string kind, string reason)
    {
        var outcome = await UploadAsync(ReporterA, fileName, Sample(kind));

        AssertRefused(outcome, $"không nhận tệp \"{fileName}\" làm minh chứng cho chỉ số 2.1: {reason}", "APP-EVIDENCE-EXTENSION");
        Assert.Empty(await ListAsync(ReporterA));
    }

    [Theory]
    [InlineData("Quyết định.pdf", "text", "nội dung tệp không thuộc loại được nhận (.pdf, .png, .jpg, .jpeg, .gif, .docx, .xlsx, .pptx, .doc, .xls)")]
    [InlineData("Hồ sơ.docx", "zip", "nội dung tệp là tệp nén ZIP, không phải loại được nhận (.pdf, .png, .jpg, .jpeg, .gif, .docx, .xlsx, .pptx, .doc, .xls)")]
    [InlineData("Hỏng.docx", "broken-zip", "nội dung tệp không thuộc loại được nhận (.pdf, .png, .jpg, .jpeg, .gif, .docx, .xlsx, .pptx, .doc, .xls)")]
    public async Task Upload_ContentOfAnotherKind_IsRefused_WhateverItsName(string fileName, string kind, string reason)
    {
        var outcome = await UploadAsync(ReporterA, fileName, Sample(kind));

        AssertRefused(outcome, $"không nhận tệp \"{fileName}\" làm minh chứng cho chỉ số 2.1: {reason}", "APP-EVIDENCE-TYPE");
    }

    [Fact]
    public async Task Upload_EmptyFile_IsRefused()
    {
        var outcome = await UploadAsync(ReporterA, "Quyết định.pdf", []);

        AssertRefused(outcome, "không nhận tệp \"Quyết định.pdf\" làm minh chứng cho chỉ số 2.1: tệp rỗng", "APP-EVIDENCE-EMPTY");
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_IsRefused_AndAFileOfExactlyTheLimit_IsAccepted()
    {
        var atLimit = Padded(SampleFiles.Pdf("a"), 2048);
        var overLimit = Padded(SampleFiles.Pdf("b"), 2049);

        var accepted = await UploadAsync(ReporterA, "vừa.pdf", atLimit, maxBytes: 2048);
        var refused = await UploadAsync(ReporterA, "lớn.pdf", overLimit, maxBytes: 2048);

        Assert.True(accepted.Succeeded, accepted.Message?.ToString());
        AssertRefused(refused, "không nhận tệp \"lớn.pdf\" làm minh chứng cho chỉ số 2.1: tệp lớn hơn giới hạn 2 KB", "APP-EVIDENCE-SIZE");
    }

    [Fact]
    public async Task Upload_LargerThanTheDefaultLimit_NamesTheLimitInMegabytes()
    {
        var outcome = await UploadAsync(ReporterA, "Bản quét.pdf", Padded(SampleFiles.Pdf(), (int)EvidenceOptions.DefaultMaxBytes + 1));

        AssertRefused(outcome, "không nhận tệp \"Bản quét.pdf\" làm minh chứng cho chỉ số 2.1: tệp lớn hơn giới hạn 10 MB", "APP-EVIDENCE-SIZE");
    }

    [Theory]
    [InlineData("9.9", "bộ chỉ số `dti-department-2022` không có chỉ số 9.9 nhận số liệu")]
    [InlineData("2", "bộ chỉ số `dti-department-2022` không có chỉ số 2 nhận số liệu")]
    [InlineData(" ", "hãy cho mã chỉ số mà tệp làm minh chứng")]
    public async Task Upload_ForAnIndicatorThatTakesNoFigures_IsRefused(string indicator, string reason)
    {
        var outcome = await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf(), indicator: indicator);

        AssertRefused(outcome, $"không nhận tệp \"Quyết định.pdf\" làm minh chứng cho chỉ số {indicator.Trim()}: {reason}", "APP-EVIDENCE-INDICATOR");
    }

    [Fact]
    public async Task Upload_WithSeveralProblems_NamesEachOne()
    {
        var outcome = await UploadAsync(ReporterA, "Quyết định.pdf", [], indicator: "9.9", number: new string('1', 101), issuedOn: "31/02/2024", summary: new string('a', 1001));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(
            ["indicator", "file", "documentNumber", "summary", "issuedOn"],
            outcome.Problems.Select(p => p.Input));
        Assert.Equal(
            "không nhận tệp \"Quyết định.pdf\" làm minh chứng cho chỉ số 9.9: bộ chỉ số `dti-department-2022` không có chỉ số 9.9 nhận số liệu; tệp rỗng; " +
            "số hiệu văn bản dài quá 100 ký tự; trích yếu dài quá 1000 ký tự; ngày ban hành `31/02/2024` không hợp lệ: hãy viết dd/MM/yyyy (ví dụ 25/03/2024) hoặc yyyy-MM-dd",
            outcome.Message!.ToString(Language.Vietnamese));
    }

    [Theory]
    [InlineData("2024-03-25")]
    [InlineData("25/03/2024")]
    [InlineData("5/3/2024")]
    public async Task Upload_IssueDate_IsReadInEitherForm(string text)
    {
        var outcome = await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf(), issuedOn: text);

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal(text == "5/3/2024" ? new DateOnly(2024, 3, 5) : new DateOnly(2024, 3, 25), outcome.Value!.IssuedOn);
    }

    [Fact]
    public async Task Upload_EmptyDocumentFields_AreStoredAsAbsent()
    {
        var outcome = await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf(), number: "  ", issuedOn: "", summary: "\t");

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal((null, null, null), (outcome.Value!.DocumentNumber, outcome.Value.IssuedOn, outcome.Value.Summary));
    }

    [Theory]
    [InlineData("C:\\Users\\can-bo\\Desktop\\Quyết định.pdf", "Quyết định.pdf")]
    [InlineData("../../etc/Quyết định.pdf", "Quyết định.pdf")]
    [InlineData("Quy\u0065\u0302\u0301t đi\u0323nh\u0007\r\n.pdf", "Quyết định.pdf")]
    [InlineData("  .Quyết định.pdf ", "Quyết định.pdf")]
    public async Task Upload_FileName_IsKeptWithoutFoldersOrControlCharacters(string sent, string kept)
    {
        var outcome = await UploadAsync(ReporterA, sent, SampleFiles.Pdf());

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal(kept, outcome.Value!.FileName);
    }

    [Fact]
    public async Task Upload_LongFileName_IsShortenedTo255Characters_KeepingItsExtension()
    {
        var outcome = await UploadAsync(ReporterA, new string('ế', 300) + ".pdf", SampleFiles.Pdf());

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal(new string('ế', 251) + ".pdf", outcome.Value!.FileName);
    }

    [Fact]
    public async Task Upload_TheSameFileTwice_ForOneIndicator_IsAConflict_ButAnotherIndicatorMayUseIt()
    {
        await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf());

        var again = await UploadAsync(ReporterA, "Bản sao.pdf", SampleFiles.Pdf());
        var elsewhere = await UploadAsync(ReporterA, "Bản sao.pdf", SampleFiles.Pdf(), indicator: "2.2");

        Assert.Equal(OutcomeStatus.Conflict, again.Status);
        Assert.Equal("tệp \"Bản sao.pdf\" đã có trong minh chứng của chỉ số 2.1 (cùng nội dung với tệp \"Quyết định.pdf\")", again.Message!.ToString(Language.Vietnamese));
        Assert.True(elsewhere.Succeeded, elsewhere.Message?.ToString());
    }

    [Fact]
    public async Task Upload_InAPeriodThatIsNotOpen_IsRefused_AsValuesAre()
    {
        await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, _periodId, PeriodStatus.Closed, Ct));

        var outcome = await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf());
        var values = await _province.ValuesAsync(v => v.SaveAsync(ReporterA, _periodId, "SO-A", [new ValueChange("2.1", "da_ban_hanh", "có")], AuditChannel.Page, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("kỳ đánh giá \"Đánh giá DTI các sở năm 2024\" đang ở trạng thái đã đóng: không nhận số liệu", outcome.Message!.ToString(Language.Vietnamese));
        Assert.Equal(values.Message!.ToString(Language.Vietnamese), outcome.Message.ToString(Language.Vietnamese));
    }

    [Fact]
    public async Task Messages_AreInEnglish_WhenAskedFor()
    {
        var outcome = await UploadAsync(ReporterA, "Decision.pdf", SampleFiles.Png());

        Assert.Equal(
            "file \"Decision.pdf\" was not accepted as evidence for indicator 2.1: the file is named .pdf but its content is a PNG image: name it .png or choose the right file",
            outcome.Message!.ToString(Language.English));
    }

    // ---- Who may do what

    [Fact]
    public async Task Upload_ByAnotherUnitsReporter_IsForbidden_AndStoresNothing()
    {
        var outcome = await UploadAsync(Actors.Reporter(_soB), "Quyết định.pdf", SampleFiles.Pdf());

        Assert.Equal(OutcomeStatus.Forbidden, outcome.Status);
        Assert.Equal("tài khoản của bạn không được xem hoặc sửa số liệu của đơn vị `SO-A`", outcome.Message!.ToString(Language.Vietnamese));
        Assert.Equal(0, await _province.InDbAsync(db => db.EvidenceFiles.CountAsync(Ct)));
    }

    [Fact]
    public async Task AnotherUnitsReporter_CannotListDownloadOrDelete()
    {
        var id = (await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf())).Value!.Id;
        var other = Actors.Reporter(_soB);

        var list = await Service(s => s.ListAsync(other, _periodId, "SO-A", cancellationToken: Ct));
        var download = await Service(s => s.DownloadAsync(other, _periodId, "SO-A", id, Ct));
        var delete = await Service(s => s.DeleteAsync(other, _periodId, "SO-A", id, AuditChannel.Page, cancellationToken: Ct));

        Assert.Equal([OutcomeStatus.Forbidden, OutcomeStatus.Forbidden, OutcomeStatus.Forbidden], [list.Status, download.Status, delete.Status]);
        Assert.Single(await ListAsync(ReporterA));
    }

    [Fact]
    public async Task Leader_ReadsTheUnitsEvidence_ButCannotUploadOrDelete()
    {
        var id = (await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf())).Value!.Id;
        var leader = Actors.Leader(_soA);

        var list = await Service(s => s.ListAsync(leader, _periodId, "SO-A", cancellationToken: Ct));
        var download = await Service(s => s.DownloadAsync(leader, _periodId, "SO-A", id, Ct));
        var upload = await UploadAsync(leader, "Kế hoạch.pdf", SampleFiles.Pdf("leader"));
        var delete = await Service(s => s.DeleteAsync(leader, _periodId, "SO-A", id, AuditChannel.Page, cancellationToken: Ct));

        Assert.Equal((OutcomeStatus.Ok, OutcomeStatus.Ok), (list.Status, download.Status));
        Assert.Equal((OutcomeStatus.Forbidden, OutcomeStatus.Forbidden), (upload.Status, delete.Status));
        Assert.Single(list.Value!);
    }

    [Fact]
    public async Task Viewer_ReadsEveryUnitsEvidence_ButCannotUpload()
    {
        var id = (await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf())).Value!.Id;

        var list = await Service(s => s.ListAsync(Actors.Viewer, _periodId, "SO-A", cancellationToken: Ct));
        var download = await Service(s => s.DownloadAsync(Actors.Viewer, _periodId, "SO-A", id, Ct));
        var upload = await UploadAsync(Actors.Viewer, "Kế hoạch.pdf", SampleFiles.Pdf("viewer"));

        Assert.Equal((OutcomeStatus.Ok, OutcomeStatus.Ok, OutcomeStatus.Forbidden), (list.Status, download.Status, upload.Status));
    }

    [Fact]
    public async Task Evaluator_UploadsForAnyUnit()
    {
        var outcome = await UploadAsync(Actors.Evaluator, "Biên bản thẩm định.pdf", SampleFiles.Pdf(), unit: "SO-B");

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal("evaluator", outcome.Value!.UploadedBy);
    }

    // ---- Listing and downloading

    [Fact]
    public async Task List_IsByIndicatorThenUpload_AndMayBeLimitedToOneIndicator()
    {
        await UploadAsync(ReporterA, "c.pdf", SampleFiles.Pdf("c"), indicator: "5.10");
        await UploadAsync(ReporterA, "a.pdf", SampleFiles.Pdf("a"), indicator: "5.2");
        await UploadAsync(ReporterA, "b.pdf", SampleFiles.Pdf("b"), indicator: "5.2");
        await UploadAsync(Actors.Reporter(_soB), "khác.pdf", SampleFiles.Pdf("khác"), unit: "SO-B", indicator: "5.2");

        var all = await ListAsync(ReporterA);
        var one = await Service(s => s.ListAsync(ReporterA, _periodId, "SO-A", "5.2", Ct));

        Assert.Equal(["5.2 a.pdf", "5.2 b.pdf", "5.10 c.pdf"], all.Select(e => e.Indicator + " " + e.FileName));
        Assert.Equal(["a.pdf", "b.pdf"], one.Value!.Select(e => e.FileName));
    }

    [Fact]
    public async Task Download_GivesTheBytesTheOriginalNameAndTheDetectedType()
    {
        var bytes = SampleFiles.Docx("kế hoạch");
        var id = (await UploadAsync(ReporterA, "Kế hoạch CĐS.docx", bytes)).Value!.Id;

        var download = await Service(s => s.DownloadAsync(ReporterA, _periodId, "SO-A", id, Ct));

        Assert.True(download.Succeeded, download.Message?.ToString());
        Assert.Equal(("Kế hoạch CĐS.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (download.Value!.FileName, download.Value.ContentType));
        Assert.Equal(bytes, download.Value.Bytes);
    }

    [Fact]
    public async Task Download_AnotherUnitsFile_ThroughOnesOwnUnit_IsNotFound()
    {
        var idOfB = (await UploadAsync(Actors.Evaluator, "Của sở B.pdf", SampleFiles.Pdf(), unit: "SO-B")).Value!.Id;

        var outcome = await Service(s => s.DownloadAsync(ReporterA, _periodId, "SO-A", idOfB, Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
        Assert.Equal($"đơn vị `SO-A` không có minh chứng số {idOfB} trong kỳ đánh giá {_periodId}", outcome.Message!.ToString(Language.Vietnamese));
    }

    [Fact]
    public async Task List_OfAUnitOutsideThePeriod_IsNotFound()
    {
        var outcome = await Service(s => s.ListAsync(Actors.Evaluator, _periodId, "HUYEN-1", cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
    }

    // ---- Deleting and the audit

    [Fact]
    public async Task Delete_RemovesTheFileFromTheUnitsEvidence_ButKeepsItForInspection()
    {
        var bytes = SampleFiles.Pdf();
        var id = (await UploadAsync(ReporterA, "Quyết định.pdf", bytes)).Value!.Id;

        var deleted = await Service(s => s.DeleteAsync(ReporterA, _periodId, "SO-A", id, AuditChannel.Page, "nhầm tệp", Ct));
        var download = await Service(s => s.DownloadAsync(ReporterA, _periodId, "SO-A", id, Ct));
        var again = await Service(s => s.DeleteAsync(ReporterA, _periodId, "SO-A", id, AuditChannel.Page, cancellationToken: Ct));
        var kept = await _province.InDbAsync(db => db.EvidenceFiles.AsNoTracking().Include(e => e.Content).SingleAsync(e => e.Id == id, Ct));

        Assert.True(deleted.Succeeded, deleted.Message?.ToString());
        Assert.Empty(await ListAsync(ReporterA));
        Assert.Equal((OutcomeStatus.NotFound, OutcomeStatus.NotFound), (download.Status, again.Status));
        Assert.Equal("reporter", kept.DeletedBy);
        Assert.NotNull(kept.DeletedAt);
        Assert.Equal(bytes, kept.Content!.Bytes);
    }

    [Fact]
    public async Task UploadAndDelete_AreAudited_WithTheFilesNameAndHash()
    {
        var bytes = SampleFiles.Pdf();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var id = (await UploadAsync(ReporterA, "Quyết định số 12.pdf", bytes)).Value!.Id;
        await Service(s => s.DeleteAsync(Actors.Evaluator, _periodId, "SO-A", id, AuditChannel.Api, " nộp nhầm ", Ct));

        var audit = await _province.InScopeAsync(s => s.GetRequiredService<Audit.AuditService>().ListAsync(Actors.Evaluator, _periodId, "SO-A", "2.1", Ct));

        var expected = $"Quyết định số 12.pdf [#{id} SHA-256 {hash}]";
        Assert.Equal(
            [
                ("reporter", "#evidence", null, expected, AuditChannel.Page, null),
                ("evaluator", "#evidence", expected, null, AuditChannel.Api, "nộp nhầm"),
            ],
            audit.Value!.Select(a => (a.UserName, a.Input, a.OldValue, a.NewValue, a.Channel, a.Reason)));
    }

    [Fact]
    public async Task Audit_OfAFileWithALongName_KeepsTheWholeHash()
    {
        var id = (await UploadAsync(ReporterA, new string('a', 250) + ".pdf", SampleFiles.Pdf())).Value!.Id;

        var entry = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Input == EvidenceService.AuditInput, Ct));

        Assert.Equal(200, entry.NewValue!.Length);
        Assert.EndsWith($"… [#{id} SHA-256 {Convert.ToHexStringLower(SHA256.HashData(SampleFiles.Pdf()))}]", entry.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_InAPeriodThatIsNotOpen_IsRefused_AndKeepsTheFile()
    {
        var id = (await UploadAsync(ReporterA, "Quyết định.pdf", SampleFiles.Pdf())).Value!.Id;
        await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, _periodId, PeriodStatus.Closed, Ct));

        var outcome = await Service(s => s.DeleteAsync(ReporterA, _periodId, "SO-A", id, AuditChannel.Page, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Single(await ListAsync(ReporterA));
    }

    // ---- Helpers

    private static void AssertRefused<T>(Outcome<T> outcome, string message, string code)
    {
        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(message, outcome.Message!.ToString(Language.Vietnamese));
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((code, message), (problem.Code, problem.Message.ToString(Language.Vietnamese)));
    }

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => SampleFiles.Pdf(),
        "png" => SampleFiles.Png(),
        "jpeg" => SampleFiles.Jpeg(),
        "gif" => SampleFiles.Gif(),
        "docx" => SampleFiles.Docx(),
        "xlsx" => SampleFiles.Xlsx(),
        "pptx" => SampleFiles.Pptx(),
        "doc" => SampleFiles.Doc(),
        "xls" => SampleFiles.Xls(),
        "zip" => SampleFiles.Zip(),
        "broken-zip" => [.. "PK\u0003\u0004"u8, .. Encoding.ASCII.GetBytes("not really a zip")],
        "text" => SampleFiles.Text(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary><paramref name="bytes"/> followed by spaces (a PDF ignores them) up to <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(byte[] bytes, int length) => [.. bytes, .. Enumerable.Repeat((byte)' ', length - bytes.Length)];

    private async Task<IReadOnlyList<EvidenceItem>> ListAsync(Actor actor)
    {
        var outcome = await Service(s => s.ListAsync(actor, _periodId, "SO-A", cancellationToken: Ct));
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        return outcome.Value!;
    }

    private Task<Outcome<EvidenceItem>> UploadAsync(
        Actor actor, string fileName, byte[] bytes, string indicator = "2.1", string unit = "SO-A",
        string? number = null, string? issuedOn = null, string? summary = null, long? maxBytes = null) =>
        _province.InScopeAsync(s => Service(s, maxBytes).UploadAsync(
            actor, _periodId, unit, new EvidenceUpload(indicator, fileName, new MemoryStream(bytes), number, issuedOn, summary), AuditChannel.Page, Ct));

    private Task<T> Service<T>(Func<EvidenceService, Task<T>> action) => _province.InScopeAsync(s => action(s.GetRequiredService<EvidenceService>()));

    private static EvidenceService Service(IServiceProvider services, long? maxBytes) => maxBytes is null
        ? services.GetRequiredService<EvidenceService>()
        : new EvidenceService(
            services.GetRequiredService<OpenDtiDbContext>(),
            services.GetRequiredService<FrameworkCatalog>(),
            services.GetRequiredService<TimeProvider>(),
            Options.Create(new EvidenceOptions { MaxBytes = maxBytes.Value }));
}
