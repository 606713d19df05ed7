using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The province's units as an administrator keeps them: the hierarchy, general information per year,
/// and renames, closures, mergers and splits that never change a past period's results.
/// </summary>
public sealed class UnitDirectoryTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2025, 2, 1);

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Creating units

    [Fact]
    public async Task Create_BuildsTheHierarchy_WithLevelsParentsAndACreationEvent()
    {
        var units = await _province.UnitsAsync(u => u.ListAsync(Ct));

        Assert.Equal(
            ["TINH Province -", "SO-A Department TINH", "SO-B Department TINH", "SO-C Department TINH", "HUYEN-1 District TINH", "XA-1-1 Commune HUYEN-1"],
            units.Select(u => $"{u.Code} {u.Level} {u.ParentCode ?? "-"}"));
        Assert.All(units, u => Assert.Null(u.ClosedOn));
        var history = await _province.HistoryAsync("XA-1-1");
        var created = Assert.Single(history);
        Assert.Equal((UnitEventKind.Created, "Xã Một", "admin"), (created.Kind, created.NewName, created.RecordedBy));
    }

    [Fact]
    public async Task Create_WithACodeInUse_IsAConflict_AndChangesNothing()
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-A", "Sở khác", UnitLevel.Department, "TINH", cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("đã có đơn vị mã `SO-A`", outcome.Message!.ToString());
        Assert.Equal("Sở A", (await _province.UnitAsync("SO-A")).Name);
        Assert.Equal(6, await _province.InDbAsync(db => db.Units.CountAsync(Ct)));
    }

    [Fact]
    public async Task Create_UnderAnUnknownParent_IsNotFound_NamingIt()
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-9-1", "Xã Chín", UnitLevel.Commune, "HUYEN-9", cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
        Assert.Equal("không có đơn vị `HUYEN-9`", outcome.Message!.ToString());
        Assert.False(await _province.InDbAsync(db => db.Units.AnyAsync(u => u.Code == "XA-9-1", Ct)));
    }

    [Fact]
    public async Task Create_ActiveFromADay_RecordsTheCreationOnThatDay()
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-D", "Sở D", UnitLevel.Department, "TINH", new DateOnly(2023, 7, 1), Ct));

        Assert.True(outcome.Succeeded);
        Assert.Equal(new DateOnly(2023, 7, 1), (await _province.UnitAsync("SO-D")).ActiveFrom);
        Assert.Equal(new DateOnly(2023, 7, 1), Assert.Single(await _province.HistoryAsync("SO-D")).EffectiveOn);
    }

    [Theory]
    [InlineData(UnitLevel.Commune, "SO-A", "xã phải thuộc một huyện, nhưng `SO-A` là sở, ban, ngành")]
    [InlineData(UnitLevel.Commune, "TINH", "xã phải thuộc một huyện, nhưng `TINH` là tỉnh")]
    [InlineData(UnitLevel.Department, "HUYEN-1", "chỉ đơn vị không chấm điểm (Bưu điện huyện, Công an huyện…) mới thuộc huyện `HUYEN-1`: hãy đánh dấu „Không chấm điểm” hoặc chọn tỉnh làm đơn vị cấp trên")]
    [InlineData(UnitLevel.District, "XA-1-1", "huyện phải thuộc một tỉnh, nhưng `XA-1-1` là xã")]
    [InlineData(UnitLevel.Province, "TINH", "tỉnh không thuộc đơn vị nào: hãy bỏ đơn vị cấp trên `TINH`")]
    public async Task Create_UnderAParentOfTheWrongLevel_IsInvalid_SayingWhichLevelItNeeds(UnitLevel level, string parent, string message)
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "MOI", "Đơn vị mới", level, parent, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(message, outcome.Message!.ToString());
        Assert.False(await _province.InDbAsync(db => db.Units.AnyAsync(u => u.Code == "MOI", Ct)));
    }

    [Theory]
    [InlineData(UnitLevel.Department, "sở, ban, ngành phải thuộc một tỉnh: hãy cho mã đơn vị cấp trên")]
    [InlineData(UnitLevel.District, "huyện phải thuộc một tỉnh: hãy cho mã đơn vị cấp trên")]
    [InlineData(UnitLevel.Commune, "xã phải thuộc một huyện: hãy cho mã đơn vị cấp trên")]
    public async Task Create_BelowTheProvinceWithoutAParent_IsInvalid(UnitLevel level, string message)
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "MOI", "Đơn vị mới", level, " ", cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(message, outcome.Message!.ToString());
        Assert.False(await _province.InDbAsync(db => db.Units.AnyAsync(u => u.Code == "MOI", Ct)));
    }

    [Fact]
    public async Task Create_UnderAParentOfTheWrongLevel_SaysSoInEnglishToo()
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "MOI", "Xã mới", UnitLevel.Commune, "SO-A", cancellationToken: Ct));

        Assert.Equal("a commune must belong to a district, but `SO-A` is a department", outcome.Message!.ToString(Language.English));
    }

    [Theory]
    [InlineData("", "Sở D", "mã đơn vị phải có từ 1 đến 64 ký tự")]
    [InlineData("   ", "Sở D", "mã đơn vị phải có từ 1 đến 64 ký tự")]
    [InlineData("SO-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789", "Sở D", "mã đơn vị phải có từ 1 đến 64 ký tự")]
    [InlineData("SO-D", "", "tên đơn vị phải có từ 1 đến 400 ký tự")]
    [InlineData("SO-D", " ", "tên đơn vị phải có từ 1 đến 400 ký tự")]
    public async Task Create_WithoutACodeOrName_IsInvalid(string code, string name, string message)
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, code, name, UnitLevel.Department, "TINH", cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(message, outcome.Message!.ToString());
        Assert.Equal(6, await _province.InDbAsync(db => db.Units.CountAsync(Ct)));
    }

    [Fact]
    public async Task Create_WithANameTooLongToKeep_IsInvalid()
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-D", new string('x', 401), UnitLevel.Department, "TINH", cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.True((await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-D", new string('x', 400), UnitLevel.Department, "TINH", cancellationToken: Ct))).Succeeded);
    }

    [Fact]
    public async Task Create_WithSpacesAroundACodeInUse_IsAConflict()
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, " SO-A ", " Sở khác ", UnitLevel.Department, "TINH", cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("đã có đơn vị mã `SO-A`", outcome.Message!.ToString());
    }

    // ---- Who may change units

    public static TheoryData<string> Changes() => new("create", "rename", "close", "merge", "split", "profile");

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_ByAnyoneButAnAdministrator_IsForbidden_AndChangesNothing(string change)
    {
        var before = await SnapshotAsync();
        var unitId = (await _province.UnitAsync("SO-A")).Id;

        foreach (var actor in Actors.NotAdministrators(unitId))
        {
            var status = await ChangeAsync(actor, change);

            Assert.True(status == OutcomeStatus.Forbidden, $"{actor.UserName} {change}: {status}");
        }

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(OutcomeStatus.Ok, await ChangeAsync(Actors.Admin, change));
    }

    // ---- Renaming

    [Fact]
    public async Task Rename_ChangesTheName_AndRecordsOldAndNewNameInTheHistory()
    {
        var outcome = await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở Khoa học và Công nghệ", Day, "Quyết định 12/QĐ-UBND", Ct));

        Assert.True(outcome.Succeeded);
        Assert.Equal("Sở Khoa học và Công nghệ", (await _province.UnitAsync("SO-A")).Name);
        var renamed = Assert.Single(await _province.HistoryAsync("SO-A"), e => e.Kind == UnitEventKind.Renamed);
        Assert.Equal(
            (UnitEventKind.Renamed, Day, "Sở A", "Sở Khoa học và Công nghệ", "Quyết định 12/QĐ-UBND", "admin"),
            (renamed.Kind, renamed.EffectiveOn, renamed.OldName, renamed.NewName, renamed.Note, renamed.RecordedBy));
    }

    [Fact]
    public async Task Rename_APeriodThatAlreadyHadTheUnit_KeepsShowingTheOldName()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.ReportAsync(period.Id, "SO-A", 0.8m, seed: 1);

        await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A mới", Day, null, Ct));

        var results = await _province.ResultsAsync(period.Id);
        Assert.Contains(results, line => line.StartsWith("SO-A | Sở A | ", StringComparison.Ordinal));
        var values = await _province.ValuesAsync(v => v.GetAsync(Actors.Evaluator, period.Id, "SO-A", Ct));
        Assert.Equal("Sở A", values.Value!.UnitName);
    }

    [Fact]
    public async Task Rename_ALaterPeriod_ShowsTheNewName()
    {
        await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A mới", Day, null, Ct));

        var later = await _province.OpenDepartmentPeriodAsync("Đánh giá năm 2025", opensOn: Day.AddMonths(1));

        var results = await _province.ResultsAsync(later.Id);
        Assert.Contains(results, line => line.StartsWith("SO-A | Sở A mới | ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rename_AClosedUnit_IsAConflict()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", Day, null, Ct));

        var outcome = await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-C", "Sở C mới", Day.AddDays(1), null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("Sở C", (await _province.UnitAsync("SO-C")).Name);
    }

    [Fact]
    public async Task Change_OfAClosedUnit_SaysFromWhichDay_DayFirstInVietnamese()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", new DateOnly(2025, 2, 1), null, Ct));

        var outcome = await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", new DateOnly(2025, 3, 1), null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("đơn vị `SO-C` đã ngừng hoạt động từ 01/02/2025", outcome.Message!.ToString());
        Assert.Equal("unit `SO-C` was closed on 1 February 2025", outcome.Message.ToString(Language.English));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Rename_ToABlankName_IsInvalid_AndRecordsNothing(string name)
    {
        var outcome = await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", name, Day, null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("tên đơn vị phải có từ 1 đến 400 ký tự", outcome.Message!.ToString());
        Assert.Equal("Sở A", (await _province.UnitAsync("SO-A")).Name);
        Assert.DoesNotContain(await _province.HistoryAsync("SO-A"), e => e.Kind == UnitEventKind.Renamed);
    }

    [Fact]
    public async Task Rename_ToTheNameItHas_RecordsNothing()
    {
        var outcome = await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A ", Day, null, Ct));

        Assert.True(outcome.Succeeded);
        Assert.DoesNotContain(await _province.HistoryAsync("SO-A"), e => e.Kind == UnitEventKind.Renamed);
    }

    // ---- Closing

    [Fact]
    public async Task Close_RecordsTheDayAndTheReason()
    {
        var outcome = await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", Day, "Giải thể theo Nghị quyết 5/NQ-HĐND", Ct));

        Assert.True(outcome.Succeeded);
        Assert.Equal(Day, (await _province.UnitAsync("SO-C")).ClosedOn);
        Assert.Equal(Day, (await _province.UnitsAsync(u => u.ListAsync(Ct))).Single(u => u.Code == "SO-C").ClosedOn);
        var closed = Assert.Single(await _province.HistoryAsync("SO-C"), e => e.Kind == UnitEventKind.Closed);
        Assert.Equal((UnitEventKind.Closed, Day, "Giải thể theo Nghị quyết 5/NQ-HĐND"), (closed.Kind, closed.EffectiveOn, closed.Note));
    }

    [Fact]
    public async Task Close_TheUnitIsNotInAPeriodOpeningFromThatDay()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", Day, null, Ct));

        var before = await _province.OpenDepartmentPeriodAsync("Mở trước ngày ngừng hoạt động", opensOn: Day.AddDays(-1));
        var from = await _province.OpenDepartmentPeriodAsync("Mở đúng ngày ngừng hoạt động", opensOn: Day);

        Assert.Equal(["SO-A", "SO-B", "SO-C"], await CohortAsync(before.Id));
        Assert.Equal(["SO-A", "SO-B"], await CohortAsync(from.Id));
    }

    [Fact]
    public async Task Close_ItsReporterCannotReportInANewPeriod()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", Day, null, Ct));
        var period = await _province.OpenDepartmentPeriodAsync(opensOn: Day.AddMonths(1));
        var reporter = Actors.Reporter((await _province.UnitAsync("SO-C")).Id);

        var outcome = await _province.ValuesAsync(v => v.SaveAsync(
            reporter, period.Id, "SO-C", [new ValueChange("2.1", "da_ban_hanh", "có")], AuditChannel.Page, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
        Assert.Equal($"đơn vị `SO-C` không thuộc kỳ đánh giá {period.Id}", outcome.Message!.ToString());
    }

    [Fact]
    public async Task Close_DuringAnOpenPeriod_LeavesTheUnitInThatPeriodToFinishItsReport()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.ReportAsync(period.Id, "SO-C", 0.5m, seed: 3);
        var before = await _province.StoredValuesAsync(period.Id);

        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", Day, null, Ct));

        Assert.Equal(before, await _province.StoredValuesAsync(period.Id));
        Assert.Equal(["SO-A", "SO-B", "SO-C"], await CohortAsync(period.Id));
        var reporter = Actors.Reporter((await _province.UnitAsync("SO-C")).Id);
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            reporter, period.Id, "SO-C", [new ValueChange("2.1", "da_ban_hanh", "không")], AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString());
    }

    // ---- Merging

    [Fact]
    public async Task Merge_ClosesTheSources_AndCreatesTheSuccessorWithTheirLevelAndParent()
    {
        var outcome = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", Day, "Nghị quyết 1/NQ-HĐND", Ct));

        Assert.True(outcome.Succeeded);
        var units = await _province.UnitsAsync(u => u.ListAsync(Ct));
        Assert.Equal(Day, units.Single(u => u.Code == "SO-B").ClosedOn);
        Assert.Equal(Day, units.Single(u => u.Code == "SO-C").ClosedOn);
        var successor = units.Single(u => u.Code == "SO-BC");
        Assert.Equal(("Sở B và C", UnitLevel.Department, "TINH", (DateOnly?)null), (successor.Name, successor.Level, successor.ParentCode, successor.ClosedOn));
        Assert.Equal(Day, (await _province.UnitAsync("SO-BC")).ActiveFrom);
    }

    [Fact]
    public async Task Merge_RecordsOnEverySourceWhichUnitItWentInto()
    {
        await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", Day, "Nghị quyết 1/NQ-HĐND", Ct));

        var successor = await _province.UnitAsync("SO-BC");
        foreach (var code in new[] { "SO-B", "SO-C" })
        {
            var merged = Assert.Single(await _province.HistoryAsync(code), e => e.Kind == UnitEventKind.MergedInto);
            Assert.Equal(
                (UnitEventKind.MergedInto, Day, (int?)successor.Id, "Nghị quyết 1/NQ-HĐND", "admin"),
                (merged.Kind, merged.EffectiveOn, merged.RelatedUnitId, merged.Note, merged.RecordedBy));
        }

        var created = Assert.Single(await _province.HistoryAsync("SO-BC"));
        Assert.Equal((UnitEventKind.Created, Day, "Sở B và C"), (created.Kind, created.EffectiveOn, created.NewName));
    }

    [Fact]
    public async Task Merge_NotesTheDecisionOnTheSuccessorsCreation()
    {
        await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", Day, "Nghị quyết 1/NQ-HĐND", Ct));

        Assert.Equal("Nghị quyết 1/NQ-HĐND", Assert.Single(await _province.HistoryAsync("SO-BC")).Note);
    }

    [Fact]
    public async Task Merge_ANewPeriodHasTheSuccessor_AndNotTheSources()
    {
        await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", Day, null, Ct));

        var period = await _province.OpenDepartmentPeriodAsync(opensOn: Day);

        Assert.Equal(["SO-A", "SO-BC"], await CohortAsync(period.Id));
    }

    [Fact]
    public async Task Merge_IntoACodeInUse_IsAConflict_AndLeavesTheSourcesOpen()
    {
        var outcome = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-A", "Sở B và C", Day, null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("đã có đơn vị mã `SO-A`", outcome.Message!.ToString());
        Assert.All(await _province.UnitsAsync(u => u.ListAsync(Ct)), u => Assert.Null(u.ClosedOn));
        Assert.Single(await _province.HistoryAsync("SO-B"));
    }

    [Fact]
    public async Task Merge_OfAClosedUnit_IsAConflict_AndCreatesNothing()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", Day, null, Ct));

        var outcome = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", Day.AddDays(1), null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.False(await _province.InDbAsync(db => db.Units.AnyAsync(u => u.Code == "SO-BC", Ct)));
        Assert.Null((await _province.UnitAsync("SO-B")).ClosedOn);
    }

    public static TheoryData<string[]> TooFewToMerge() => new([], ["SO-A"], ["SO-A", " SO-A", ""]);

    [Theory]
    [MemberData(nameof(TooFewToMerge))]
    public async Task Merge_OfFewerThanTwoUnits_IsInvalid_AndChangesNothing(string[] sources)
    {
        var before = await SnapshotAsync();

        var outcome = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, sources, "SO-M", "Sở mới", Day, null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("cần ít nhất hai đơn vị khác nhau để sáp nhập", outcome.Message!.ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Merge_OfUnitsOfDifferentLevels_IsInvalid_AndChangesNothing()
    {
        var before = await SnapshotAsync();

        var outcome = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-A", "HUYEN-1"], "SO-M", "Sở mới", Day, null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("chỉ sáp nhập được các đơn vị cùng cấp: `SO-A` là sở, ban, ngành, `HUYEN-1` là huyện", outcome.Message!.ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    // ---- Splitting

    [Fact]
    public async Task Split_CreatesThePartsBesideTheSource_AndClosesIt()
    {
        var outcome = await _province.UnitsAsync(u => u.SplitAsync(
            Actors.Admin, "HUYEN-1", [("HUYEN-1A", "Huyện Một A"), ("HUYEN-1B", "Huyện Một B")], keepSource: false, Day, "Nghị quyết 9/NQ-UBTVQH", Ct));

        Assert.True(outcome.Succeeded);
        Assert.Equal(["HUYEN-1A", "HUYEN-1B"], outcome.Value!.Select(u => u.Code));
        var units = await _province.UnitsAsync(u => u.ListAsync(Ct));
        Assert.Equal(
            ["HUYEN-1 2025-02-01", "HUYEN-1A TINH -", "HUYEN-1B TINH -"],
            units.Where(u => u.Level == UnitLevel.District).Select(u => u.ClosedOn is { } closed ? u.Code + " " + closed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{u.Code} {u.ParentCode} -"));
        Assert.Equal(Day, (await _province.UnitAsync("HUYEN-1A")).ActiveFrom);
    }

    [Fact]
    public async Task Split_RecordsEachPartAndTheClosureOnTheSource()
    {
        await _province.UnitsAsync(u => u.SplitAsync(
            Actors.Admin, "HUYEN-1", [("HUYEN-1A", "Huyện Một A"), ("HUYEN-1B", "Huyện Một B")], keepSource: false, Day, "Nghị quyết 9/NQ-UBTVQH", Ct));

        var parts = new[] { (await _province.UnitAsync("HUYEN-1A")).Id, (await _province.UnitAsync("HUYEN-1B")).Id };
        var changes = (await _province.HistoryAsync("HUYEN-1")).Where(e => e.Kind != UnitEventKind.Created).ToArray();
        Assert.Equal(
            [(UnitEventKind.SplitInto, parts[0]), (UnitEventKind.SplitInto, parts[1]), (UnitEventKind.Closed, (int?)null)],
            changes.Select(e => (e.Kind, e.RelatedUnitId)));
        Assert.All(changes, e => Assert.Equal((Day, "Nghị quyết 9/NQ-UBTVQH"), (e.EffectiveOn, e.Note)));
    }

    [Fact]
    public async Task Split_NotesTheDecisionOnEachPartsCreation()
    {
        await _province.UnitsAsync(u => u.SplitAsync(
            Actors.Admin, "HUYEN-1", [("HUYEN-1A", "Huyện Một A"), ("HUYEN-1B", "Huyện Một B")], keepSource: false, Day, "Nghị quyết 9/NQ-UBTVQH", Ct));

        foreach (var part in new[] { "HUYEN-1A", "HUYEN-1B" })
        {
            var created = Assert.Single(await _province.HistoryAsync(part));
            Assert.Equal((UnitEventKind.Created, Day, "Nghị quyết 9/NQ-UBTVQH"), (created.Kind, created.EffectiveOn, created.Note));
        }
    }

    [Fact]
    public async Task Split_KeepingTheSource_LeavesItOpen()
    {
        await _province.UnitsAsync(u => u.SplitAsync(Actors.Admin, "HUYEN-1", [("HUYEN-2", "Huyện Hai")], keepSource: true, Day, null, Ct));

        Assert.Null((await _province.UnitAsync("HUYEN-1")).ClosedOn);
        Assert.DoesNotContain(await _province.HistoryAsync("HUYEN-1"), e => e.Kind == UnitEventKind.Closed);
        Assert.Equal(UnitLevel.District, (await _province.UnitAsync("HUYEN-2")).Level);
    }

    [Fact]
    public async Task Split_WithAPartWhoseCodeIsInUse_CreatesNoPart_AndKeepsTheSourceOpen()
    {
        var before = await SnapshotAsync();

        var outcome = await _province.UnitsAsync(u => u.SplitAsync(
            Actors.Admin, "HUYEN-1", [("HUYEN-2", "Huyện Hai"), ("SO-A", "Huyện Ba")], keepSource: false, Day, null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("đã có đơn vị mã `SO-A`", outcome.Message!.ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Split_WithTheSameCodeTwice_IsInvalid_AndCreatesNothing()
    {
        var before = await SnapshotAsync();

        var outcome = await _province.UnitsAsync(u => u.SplitAsync(
            Actors.Admin, "HUYEN-1", [("HUYEN-2", "Huyện Hai"), ("HUYEN-2 ", "Huyện Ba")], keepSource: false, Day, null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("mã `HUYEN-2` có hai lần trong yêu cầu", outcome.Message!.ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Split_IntoNoPart_IsInvalid_AndKeepsTheSourceOpen()
    {
        var before = await SnapshotAsync();

        var outcome = await _province.UnitsAsync(u => u.SplitAsync(Actors.Admin, "HUYEN-1", [], keepSource: false, Day, null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("hãy cho ít nhất một đơn vị mới để chia tách", outcome.Message!.ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    // ---- General information per year

    [Fact]
    public async Task Profile_OfTwoYears_IsSetAndReadIndependently()
    {
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        var first = new Dictionary<string, decimal> { ["civil_servants"] = 45, ["public_employees"] = 70, ["subordinate_units"] = 5 };

        var set = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-A", 2023, first, Ct));
        var changed = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-A", 2024, new Dictionary<string, decimal> { ["civil_servants"] = 38 }, Ct));

        Assert.True(set.Succeeded && changed.Succeeded);
        Assert.Equal(first, await _province.UnitsAsync(u => u.ProfileAsync(unitId, 2023, Ct)));
        Assert.Equal(
            new Dictionary<string, decimal> { ["civil_servants"] = 38, ["public_employees"] = 60, ["subordinate_units"] = 4 },
            await _province.UnitsAsync(u => u.ProfileAsync(unitId, 2024, Ct)));
        Assert.Empty(await _province.UnitsAsync(u => u.ProfileAsync(unitId, 2025, Ct)));
    }

    [Fact]
    public async Task Profile_OfADistrict_TakesTheFieldsOfTheDistrictFramework()
    {
        var figures = new Dictionary<string, decimal> { ["population"] = 120_000, ["households"] = 33_000, ["communes"] = 1 };

        var outcome = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "HUYEN-1", 2024, figures, Ct));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        var unitId = (await _province.UnitAsync("HUYEN-1")).Id;
        Assert.Equal(figures, await _province.UnitsAsync(u => u.ProfileAsync(unitId, 2024, Ct)));
    }

    [Fact]
    public async Task Profile_WithAFieldNoFrameworkOfTheUnitsLevelReads_IsInvalid_NamingIt_AndSavesNothing()
    {
        var figures = new Dictionary<string, decimal> { ["civil_servants"] = 41, ["population"] = 1000 };

        var outcome = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-A", 2024, figures, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("1 thông tin chung không hợp lệ; không thông tin nào được lưu", outcome.Message!.ToString());
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(("profile", "population"), (problem.Indicator, problem.Input));
        Assert.Equal("không có thông tin chung `population` cho sở, ban, ngành; có: civil_servants, public_employees, subordinate_units", problem.Message.ToString());
        Assert.Equal("there is no profile field `population` for a department; there are: civil_servants, public_employees, subordinate_units", problem.Message.ToString(Language.English));
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        Assert.Equal(40m, (await _province.UnitsAsync(u => u.ProfileAsync(unitId, 2024, Ct)))["civil_servants"]);
    }

    [Fact]
    public async Task Profile_WithANegativeFigure_IsInvalid_NamingTheField()
    {
        var outcome = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-A", 2023, new Dictionary<string, decimal> { ["civil_servants"] = -3.5m }, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(("profile", "civil_servants"), (problem.Indicator, problem.Input));
        Assert.Equal("thông tin chung `civil_servants` không được âm: -3,5", problem.Message.ToString());
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        Assert.Empty(await _province.UnitsAsync(u => u.ProfileAsync(unitId, 2023, Ct)));
    }

    [Fact]
    public async Task Profile_OfAnUnknownUnit_IsNotFound()
    {
        var outcome = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-Z", 2024, new Dictionary<string, decimal> { ["civil_servants"] = 1 }, Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
        Assert.Equal("không có đơn vị `SO-Z`", outcome.Message!.ToString());
    }

    // ---- History

    [Fact]
    public async Task History_StartsWithTheCreation_EvenWhenItWasRecordedAfterTheChangesItPrecedes()
    {
        // SO-A was entered without the day it came into being: its creation is recorded today, after the 2025 changes.
        await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A1", Day, null, Ct));
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-A", Day.AddMonths(3), null, Ct));

        var history = await _province.HistoryAsync("SO-A");

        Assert.Equal(["Created Sở A", "Renamed Sở A1", "Closed "], history.Select(e => $"{e.Kind} {e.NewName}"));
    }

    [Fact]
    public async Task History_ListsEventsOfTheSameDayInTheOrderTheyWereRecorded()
    {
        await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-D", "Sở D", UnitLevel.Department, "TINH", Day, Ct));
        await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-D", "Sở D1", Day, null, Ct));
        await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-D", "Sở D2", Day, null, Ct));
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-D", Day, null, Ct));

        var history = await _province.HistoryAsync("SO-D");

        Assert.Equal(["Created Sở D", "Renamed Sở D1", "Renamed Sở D2", "Closed "], history.Select(e => $"{e.Kind} {e.NewName}"));
    }

    [Fact]
    public async Task Change_BeforeTheUnitCameIntoBeing_IsAConflict()
    {
        await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-D", "Sở D", UnitLevel.Department, "TINH", Day, Ct));

        var outcome = await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-D", Day.AddDays(-1), null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("đơn vị `SO-D` chỉ hoạt động từ 01/02/2025", outcome.Message!.ToString());
        Assert.Null((await _province.UnitAsync("SO-D")).ClosedOn);
    }

    [Fact]
    public async Task Change_BeforeTheUnitsLastChange_IsAConflict_AndKeepsTheLastName()
    {
        await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A 2025", new DateOnly(2025, 6, 1), null, Ct));

        var outcome = await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A đầu năm", new DateOnly(2025, 3, 1), null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal(
            "đơn vị `SO-A` đã có thay đổi hiệu lực từ 01/06/2025; thay đổi mới phải có hiệu lực từ ngày đó trở đi",
            outcome.Message!.ToString());
        Assert.Equal("Sở A 2025", (await _province.UnitAsync("SO-A")).Name);
    }

    [Fact]
    public async Task Merge_EffectiveBeforeASourcesLastChange_IsAConflict_AndChangesNothing()
    {
        await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-C", "Sở C mới", Day, null, Ct));
        var before = await SnapshotAsync();

        var outcome = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", Day.AddDays(-1), null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal(before, await SnapshotAsync());
    }

    // ---- Past periods

    public static TheoryData<string> UnitChanges() => new("rename", "close", "merge", "split");

    [Theory]
    [MemberData(nameof(UnitChanges))]
    public async Task UnitChange_LeavesAPastPeriodsResultsAndValuesAsTheyWere(string change)
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.ReportAsync(period.Id, "SO-A", 0.9m, seed: 1);
        await _province.ReportAsync(period.Id, "SO-B", 0.6m, seed: 2);
        await _province.ReportAsync(period.Id, "SO-C", 0.3m, seed: 3);
        Assert.True((await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, PeriodStatus.Closed, Ct))).Succeeded);
        await _province.FinaliseAsync(period.Id, "SO-A", "SO-B", "SO-C");
        await _province.PublishAsync(period.Id);

        var results = await _province.ResultsAsync(period.Id);
        var values = await _province.StoredValuesAsync(period.Id);
        Assert.Equal(["SO-A | Sở A", "SO-B | Sở B", "SO-C | Sở C"], results.Select(r => string.Join(" | ", r.Split(" | ").Take(2))).Order(StringComparer.Ordinal));
        Assert.Equal(3, results.Select(r => r.Split(" | ")[3]).Distinct().Count());

        var outcome = change switch
        {
            "rename" => (await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A mới", Day, null, Ct))).Status,
            "close" => (await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-B", Day, null, Ct))).Status,
            "merge" => (await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", Day, null, Ct))).Status,
            _ => (await _province.UnitsAsync(u => u.SplitAsync(Actors.Admin, "SO-A", [("SO-A1", "Sở A1"), ("SO-A2", "Sở A2")], false, Day, null, Ct))).Status,
        };

        Assert.Equal(OutcomeStatus.Ok, outcome);
        Assert.Equal(results, await _province.ResultsAsync(period.Id));
        Assert.Equal(values, await _province.StoredValuesAsync(period.Id));
    }

    // ---- Helpers

    private async Task<string[]> CohortAsync(int periodId) =>
        (await _province.InDbAsync(db => db.PeriodUnits.Where(u => u.PeriodId == periodId).Select(u => u.UnitCode).ToListAsync(Ct)))
            .Order(StringComparer.Ordinal).ToArray();

    private async Task<OutcomeStatus> ChangeAsync(Actor actor, string change) => change switch
    {
        "create" => (await _province.UnitsAsync(u => u.CreateAsync(actor, "SO-D", "Sở D", UnitLevel.Department, "TINH", cancellationToken: Ct))).Status,
        "rename" => (await _province.UnitsAsync(u => u.RenameAsync(actor, "SO-A", "Sở A mới", Day, null, Ct))).Status,
        "close" => (await _province.UnitsAsync(u => u.CloseAsync(actor, "SO-A", Day, null, Ct))).Status,
        "merge" => (await _province.UnitsAsync(u => u.MergeAsync(actor, ["SO-A", "SO-B"], "SO-AB", "Sở A và B", Day, null, Ct))).Status,
        "split" => (await _province.UnitsAsync(u => u.SplitAsync(actor, "SO-A", [("SO-A1", "Sở A1")], false, Day, null, Ct))).Status,
        "profile" => (await _province.UnitsAsync(u => u.SetProfileAsync(actor, "SO-A", 2024, new Dictionary<string, decimal> { ["civil_servants"] = 1 }, Ct))).Status,
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    /// <summary>Every unit, event and profile figure, as text.</summary>
    private async Task<string[]> SnapshotAsync() =>
        await _province.InDbAsync(async db =>
            (await db.Units.AsNoTracking().ToListAsync(Ct)).Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Code} {u.Name} {u.ParentId} {u.ClosedOn}"))
            .Concat((await db.UnitEvents.AsNoTracking().ToListAsync(Ct)).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.UnitId} {e.Kind} {e.EffectiveOn} {e.NewName}")))
            .Concat((await db.UnitProfileValues.AsNoTracking().ToListAsync(Ct)).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.UnitId} {p.Year} {p.Key} {p.Value}")))
            .Order(StringComparer.Ordinal)
            .ToArray());
}
