using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Checks;
using OpenDti.Application.Evidence;
using OpenDti.Application.Values;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Evidence checked as appraisers check it by hand (dti-department-2022, a period of 2024 closing on
/// 01/01/2025): flags per indicator for a document without số hiệu or ngày, a date outside the year or after
/// the period closed, the same file on several indicators or units, figures without evidence; the rules
/// between inputs a unit's figures break; and what is missing before publishing.
/// </summary>
public sealed class CheckServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private int _periodId;
    private int _soA;
    private int _soB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync()).Id;
        _soA = (await _province.UnitAsync("SO-A")).Id;
        _soB = (await _province.UnitAsync("SO-B")).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    private Task<T> Checks<T>(Func<CheckService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<CheckService>()));

    private async Task<long> UploadAsync(string unit, int unitId, string indicator, byte[] bytes, string? number, string? issuedOn)
    {
        var outcome = await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().UploadAsync(
            Actors.Reporter(unitId), _periodId, unit, new EvidenceUpload(indicator, "Quyết định.pdf", new MemoryStream(bytes), number, issuedOn), AuditChannel.Page, Ct));
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        return outcome.Value!.Id;
    }

    private static string[] Flags(UnitEvidenceChecks checks, string indicator) =>
        checks.Indicators.Single(i => i.Indicator == indicator).Flags.Select(f => f.Kind + ": " + f.Message.ToString(Language.Vietnamese)).ToArray();

    [Fact]
    public async Task AGoodDocument_IsNotFlagged()
    {
        await UploadAsync("SO-A", _soA, "2.1", SampleFiles.Pdf(), "125/QĐ-UBND", "25/03/2024");

        var checks = (await Checks(c => c.EvidenceAsync(Actors.Reporter(_soA), _periodId, "SO-A", Ct))).Value!;

        Assert.Equal(0, checks.Count);
        Assert.Empty(checks.Indicators);
    }

    [Fact]
    public async Task ADocumentWithoutNumberOrDate_OrDatedOutsideThePeriod_IsFlagged()
    {
        await UploadAsync("SO-A", _soA, "2.1", SampleFiles.Pdf(), null, null);
        // Three different files: a PDF ignores trailing spaces.
        await UploadAsync("SO-A", _soA, "2.2", [.. SampleFiles.Pdf(), (byte)' '], "12/KH", "15/12/2023");
        await UploadAsync("SO-A", _soA, "2.3", [.. SampleFiles.Pdf(), (byte)' ', (byte)' '], "13/KH", "10/01/2025");

        var checks = (await Checks(c => c.EvidenceAsync(Actors.Reporter(_soA), _periodId, "SO-A", Ct))).Value!;

        Assert.Equal(
            ["NoNumber: tệp Quyết định.pdf: chưa ghi số hiệu văn bản", "NoDate: tệp Quyết định.pdf: chưa ghi ngày ban hành"],
            Flags(checks, "2.1"));
        Assert.Equal(["OutsideYear: tệp Quyết định.pdf: ngày ban hành 15/12/2023 không thuộc năm 2024 của kỳ đánh giá"], Flags(checks, "2.2"));
        Assert.Equal(["AfterClose: tệp Quyết định.pdf: ngày ban hành 10/01/2025 sau ngày kết thúc kỳ đánh giá (01/01/2025)"], Flags(checks, "2.3"));
        Assert.Equal(4, checks.Count);
    }

    [Fact]
    public async Task TheSameFile_OnSeveralIndicatorsOrUnits_IsFlagged_NamingOtherUnitsOnlyToThoseWhoReadThemAll()
    {
        var bytes = SampleFiles.Pdf();
        await UploadAsync("SO-A", _soA, "2.1", bytes, "1/QĐ", "01/02/2024");
        await UploadAsync("SO-A", _soA, "2.2", bytes, "1/QĐ", "01/02/2024");
        await UploadAsync("SO-B", _soB, "2.1", bytes, "1/QĐ", "01/02/2024");

        var reporter = (await Checks(c => c.EvidenceAsync(Actors.Reporter(_soA), _periodId, "SO-A", Ct))).Value!;
        var evaluator = (await Checks(c => c.EvidenceAsync(Actors.Evaluator, _periodId, "SO-A", Ct))).Value!;

        Assert.Equal(
            ["ReusedInUnit: tệp Quyết định.pdf: cùng một tệp cũng được nộp cho chỉ số 2.2", "ReusedAcrossUnits: tệp Quyết định.pdf: cùng một tệp cũng được 1 đơn vị khác nộp"],
            Flags(reporter, "2.1"));
        Assert.Equal(
            ["ReusedInUnit: tệp Quyết định.pdf: cùng một tệp cũng được nộp cho chỉ số 2.2", "ReusedAcrossUnits: tệp Quyết định.pdf: cùng một tệp cũng được đơn vị khác nộp (SO-B)"],
            Flags(evaluator, "2.1"));
        Assert.Equal(["ReusedInUnit", "ReusedAcrossUnits"], evaluator.Indicators.Single(i => i.Indicator == "2.2").Flags.Select(f => f.Kind.ToString()));
    }

    [Fact]
    public async Task FiguresWithoutEvidence_AreFlagged_WhereTheIndicatorExpectsADocument()
    {
        var saved = await _province.ValuesAsync(v => v.SaveAsync(Actors.Reporter(_soA), _periodId, "SO-A", [new ValueChange("3.2", "b", "40")], AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded);

        var checks = (await Checks(c => c.EvidenceAsync(Actors.Reporter(_soA), _periodId, "SO-A", Ct))).Value!;

        Assert.Equal(["NoEvidence: đã kê khai số liệu nhưng chưa đính kèm tài liệu kiểm chứng"], Flags(checks, "3.2"));
    }

    [Fact]
    public async Task Reading_FollowsWhoMayReadTheUnit_AndTheWholePeriod()
    {
        Assert.Equal(OutcomeStatus.Forbidden, (await Checks(c => c.EvidenceAsync(Actors.Reporter(_soB), _periodId, "SO-A", Ct))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await Checks(c => c.PeriodEvidenceAsync(Actors.Reporter(_soA), _periodId, Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await Checks(c => c.EvidenceAsync(Actors.Evaluator, _periodId, "KHONG-CO", Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await Checks(c => c.PeriodEvidenceAsync(Actors.Viewer, 9999, Ct))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await Checks(c => c.PublicationAsync(Actors.Viewer, _periodId, Ct))).Status);

        var period = (await Checks(c => c.PeriodEvidenceAsync(Actors.Viewer, _periodId, Ct))).Value!;
        Assert.Equal(["SO-A", "SO-B", "SO-C"], period.Units.Select(u => u.UnitCode));
    }

    [Fact]
    public async Task InputChecks_ListTheWarningsTheStoredFiguresBreak()
    {
        var saved = await _province.ValuesAsync(v => v.SaveAsync(Actors.Reporter(_soA), _periodId, "SO-A", [new ValueChange("3.1", "a", "150")], AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded);

        var items = (await Checks(c => c.InputChecksAsync(Actors.Reporter(_soA), _periodId, "SO-A", Ct))).Value!;

        var item = Assert.Single(items);
        Assert.Equal(("3.1", "a", false), (item.Indicator, item.Input, item.Refuses));
        Assert.EndsWith("nhưng số liệu cho 150 ≤ 40 + 60", item.Message.ToString(Language.Vietnamese), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforePublishing_ListsUnitsNotFinalised_IndicatorsNotReviewed_AndEvidenceFlags()
    {
        await UploadAsync("SO-B", _soB, "2.1", SampleFiles.Pdf(), null, "01/02/2024");
        await _province.InDbAsync(async db =>
        {
            db.Submissions.Add(new Submission { PeriodId = _periodId, UnitId = _soA, State = SubmissionState.Finalised, Round = 1, UpdatedBy = "evaluator", UpdatedAt = DateTime.UtcNow });
            db.ReviewNotes.Add(new ReviewNote { PeriodId = _periodId, UnitId = _soA, Indicator = "1.1", Kind = ReviewNoteKind.Accepted, Round = 1, Text = "", At = DateTime.UtcNow, UserId = "e", UserName = "evaluator" });
            db.ReviewNotes.Add(new ReviewNote { PeriodId = _periodId, UnitId = _soA, Indicator = "1.2", Kind = ReviewNoteKind.Accepted, Round = 1, Text = "", At = DateTime.UtcNow, UserId = "e", UserName = "evaluator" });
            db.ReviewNotes.Add(new ReviewNote { PeriodId = _periodId, UnitId = _soA, Indicator = "1.2", Kind = ReviewNoteKind.Returned, Round = 1, Text = "Thiếu", At = DateTime.UtcNow, UserId = "e", UserName = "evaluator" });
            return await db.SaveChangesAsync(Ct);
        });

        var gaps = (await Checks(c => c.PublicationAsync(Actors.Evaluator, _periodId, Ct))).Value!;

        var soA = gaps.Units.Single(u => u.UnitCode == "SO-A");
        var soB = gaps.Units.Single(u => u.UnitCode == "SO-B");
        Assert.Equal((SubmissionState.Finalised, gaps.Indicators - 1, 0), (soA.State, soA.NotReviewed, soA.EvidenceFlags));
        Assert.Equal((SubmissionState.Draft, 1), (soB.State, soB.EvidenceFlags));
        Assert.Equal((2, gaps.Indicators - 1, 1), (gaps.NotFinalised, gaps.NotReviewed, gaps.EvidenceFlags));
        Assert.True(soA.HasGaps);
    }
}
