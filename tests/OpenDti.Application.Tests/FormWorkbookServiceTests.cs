using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Reporting;
using OpenDti.Application.Review;
using OpenDti.Application.Values;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Exchange.Workbooks;
using OpenDti.Testing.Workbooks;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>The form as a workbook: download, preview, apply all or nothing through the values route's path, audited as an import.</summary>
public sealed class FormWorkbookServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private PeriodSummary _period = null!;
    private int _soA;
    private int _soB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Actor ReporterA => Actors.Reporter(_soA);

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _period = await _province.OpenDepartmentPeriodAsync();
        _soA = (await _province.UnitAsync("SO-A")).Id;
        _soB = (await _province.UnitAsync("SO-B")).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task Download_CarriesTheIdentityAndEveryValue_AndReadsBackUnchanged()
    {
        await _province.ReportAsync(_period.Id, "SO-A", 0.7m, seed: 3);
        var framework = (await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022", Ct))).Value!;
        var frameworkId = await _province.InDbAsync(db => db.Periods.Where(p => p.Id == _period.Id).Select(p => p.FrameworkId).SingleAsync(Ct));

        var file = await DownloadAsync(ReporterA);
        var read = FormWorkbookReader.Read(new MemoryStream(file.Content), framework);
        var stored = await _province.ValuesAsync(v => v.GetAsync(ReporterA, _period.Id, "SO-A", Ct));

        Assert.Equal(new FormWorkbookIdentity(_period.Id, "SO-A", "dti-department-2022", frameworkId), read.Identity);
        Assert.Empty(read.Problems);
        Assert.Equal(framework.Inputs.Count, read.Cells.Count);
        Assert.All(stored.Value!.Values, v =>
        {
            var cell = read.Cells.Single(c => c.Indicator == v.Indicator && c.Input == v.Input);
            Assert.Equal((v.Value, v.Version, false), (cell.Text, cell.Version, cell.Changed));
        });
        Assert.StartsWith("Biểu mẫu kê khai SO-A", file.FileName, StringComparison.Ordinal);
        Assert.Equal("bieu-mau-so-a-danh-gia-dti-cac-so-nam-2024.xlsx", file.AsciiFileName);
    }

    [Fact]
    public async Task UnchangedWorkbook_PreviewsNothing_AndApplyingChangesNothing()
    {
        await _province.ReportAsync(_period.Id, "SO-A", 0.5m, seed: 5);
        var before = await _province.StoredValuesAsync(_period.Id);
        var file = await DownloadAsync(ReporterA);

        var preview = await ImportAsync(ReporterA, file.Content, apply: true);

        Assert.Equal((0, 0, 0, true), (preview.Changes.Count, preview.Problems.Count, preview.Conflicts.Count, preview.Applied));
        Assert.Equal(before, await _province.StoredValuesAsync(_period.Id));
    }

    [Fact]
    public async Task ChangedCells_PreviewAsOldToNew_ThenApply_AuditedAsAnImportWithTheFileName()
    {
        await SaveAsync(("3.2", "a", "8"), ("3.2", "b", "10"));
        var file = await DownloadAsync(ReporterA);
        var edited = Edit(file, e => e.Set("3.2", "a", 9).Set("2.1", "da_ban_hanh", "Có"));

        var preview = await ImportAsync(ReporterA, edited, apply: false);
        var unchanged = await _province.StoredValuesAsync(_period.Id);
        var applied = await ImportAsync(ReporterA, edited, apply: true, fileName: "biểu mẫu sở A.xlsx");

        Assert.Empty(preview.Problems);
        Assert.False(preview.Applied);
        Assert.Equal(
            ["2.1 da_ban_hanh (null) → có", "3.2 a 8 → 9"],
            preview.Changes.Select(c => $"{c.Indicator} {c.Input} {c.Old ?? "(null)"} → {c.New}").Order(StringComparer.Ordinal));
        Assert.All(preview.Changes, c => Assert.Matches("^J[0-9]+$", c.Cell));
        Assert.DoesNotContain(unchanged, v => v.Contains(" 3.2 a = 9", StringComparison.Ordinal));
        Assert.True(applied.Applied);
        var audit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.PeriodId == _period.Id && a.Channel == AuditChannel.Import).ToListAsync(Ct));
        Assert.Equal(["2.1 da_ban_hanh", "3.2 a"], audit.Select(a => $"{a.Indicator} {a.Input}").Order(StringComparer.Ordinal));
        Assert.All(audit, a => Assert.Equal("Nhập từ biểu mẫu Excel „biểu mẫu sở A.xlsx”", a.Reason));
        Assert.Equal("9", (await _province.ValuesAsync(v => v.GetAsync(ReporterA, _period.Id, "SO-A", Ct))).Value!.Values.Single(v => v.Indicator == "3.2" && v.Input == "a").Value);
    }

    [Fact]
    public async Task AValueChangedInOpenDtiSinceTheDownload_IsAConflict_NeverOverwritten()
    {
        await SaveAsync(("3.2", "a", "8"), ("3.2", "b", "10"));
        var file = await DownloadAsync(ReporterA);
        await SaveAsync(("3.2", "a", "7"));
        var edited = Edit(file, e => e.Set("3.2", "a", 9));
        var untouched = file.Content;

        var preview = await ImportAsync(ReporterA, edited, apply: true);
        var other = await ImportAsync(ReporterA, untouched, apply: true);

        var conflict = Assert.Single(preview.Conflicts);
        Assert.Equal(("3.2", "a", "APP-VERSION"), (conflict.Indicator, conflict.Input, conflict.Code));
        Assert.NotNull(conflict.Sheet);
        Assert.False(preview.Applied);
        Assert.Equal("7", (await _province.ValuesAsync(v => v.GetAsync(ReporterA, _period.Id, "SO-A", Ct))).Value!.Values.Single(v => v.Indicator == "3.2" && v.Input == "a").Value);

        // A cell the person did not touch does not bring the old value back.
        Assert.Equal((0, 0, true), (other.Changes.Count, other.Conflicts.Count, other.Applied));
    }

    [Fact]
    public async Task BadCells_AreLocated_AndNothingIsApplied()
    {
        await SaveAsync(("3.2", "b", "10"));
        var file = await DownloadAsync(ReporterA);
        var edited = Edit(file, e => e.Set("2.1", "da_ban_hanh", "Có").Set("3.2", "a", "mười").Set("3.2", "b", 20));
        using var editor = new FormWorkbookEditor(file.Content);
        var (sheet, address, _) = editor.Find("3.2", "a");

        var preview = await ImportAsync(ReporterA, edited, apply: true);

        Assert.False(preview.Applied);
        var problem = Assert.Single(preview.Problems, p => p.Indicator == "3.2");
        Assert.Equal((sheet, address, "a"), (problem.Sheet, problem.Cell, problem.Input));
        Assert.Contains("mười", problem.Message.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Equal([$"{_soA} 3.2 b = 10 v1"], await _province.StoredValuesAsync(_period.Id));
    }

    [Fact]
    public async Task APartAboveItsWhole_IsAProblemOfItsCell()
    {
        var file = await DownloadAsync(ReporterA);
        var edited = Edit(file, e => e.Set("3.2", "a", 12).Set("3.2", "b", 10));

        var preview = await ImportAsync(ReporterA, edited, apply: false);

        var problem = Assert.Single(preview.Problems);
        Assert.Equal(("3.2", "a", DiagnosticCodes.PartExceedsWhole), (problem.Indicator, problem.Input, problem.Code));
        Assert.NotNull(problem.Cell);
    }

    [Fact]
    public async Task TheWorkbookOfAnotherUnitOrPeriod_IsRefused()
    {
        var ofB = await DownloadAsync(Actors.Reporter(_soB), "SO-B");
        var other = await _province.OpenDepartmentPeriodAsync("Kỳ khác");
        var ofOtherPeriod = (await _province.InScopeAsync(s => s.GetRequiredService<FormWorkbookService>().DownloadAsync(ReporterA, other.Id, "SO-A", Language.Vietnamese, Ct))).Value!;

        var unit = await ImportOutcomeAsync(Actors.Evaluator, ofB.Content, apply: false);
        var period = await ImportOutcomeAsync(ReporterA, ofOtherPeriod.Content, apply: false);

        Assert.Equal((OutcomeStatus.Invalid, "APP-WORKBOOK-OTHER-FORM"), (unit.Status, Assert.Single(unit.Problems).Code));
        Assert.Contains("SO-B", unit.Problems[0].Message.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Equal((OutcomeStatus.Invalid, "APP-WORKBOOK-OTHER-FORM"), (period.Status, Assert.Single(period.Problems).Code));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("zip")]
    [InlineData("other workbook")]
    public async Task AFileThatIsNotTheForm_IsRefusedWithAMessage(string kind)
    {
        byte[] bytes = kind switch
        {
            "garbage" => "không phải bảng tính"u8.ToArray(),
            "zip" => [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 9, 9, 9],
            _ => Testing.Evidence.SampleFiles.Xlsx(),
        };

        var outcome = await ImportOutcomeAsync(ReporterA, bytes, apply: true);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.NotEmpty(outcome.Problems);
        Assert.All(outcome.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message.ToString(Language.Vietnamese))));
    }

    [Fact]
    public async Task ASubmittedUnit_CannotImport()
    {
        var file = await DownloadAsync(ReporterA);
        var submitted = await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().TransitionAsync(ReporterA, _period.Id, "SO-A", SubmissionAction.Submit, null, Ct));
        Assert.True(submitted.Succeeded, submitted.Message?.ToString());

        var outcome = await ImportOutcomeAsync(ReporterA, Edit(file, e => e.Set("3.2", "b", 10)), apply: false);

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Empty(await _province.StoredValuesAsync(_period.Id));
    }

    [Fact]
    public async Task OnlyThoseWhoMayWriteTheForm_Import_AndOnlyThoseWhoMayReadIt_Download()
    {
        var file = await DownloadAsync(ReporterA);
        var edited = Edit(file, e => e.Set("3.2", "b", 10));

        foreach (var actor in new[] { Actors.Leader(_soA), Actors.Viewer, Actors.Reporter(_soB), Actors.Admin })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await ImportOutcomeAsync(actor, edited, apply: true)).Status);
        }

        Assert.True((await ImportOutcomeAsync(Actors.Evaluator, edited, apply: false)).Succeeded);
        Assert.Equal(OutcomeStatus.Forbidden, (await DownloadOutcomeAsync(Actors.Reporter(_soB))).Status);
        Assert.True((await DownloadOutcomeAsync(Actors.Leader(_soA))).Succeeded);
        Assert.Empty(await _province.StoredValuesAsync(_period.Id));
    }

    private async Task SaveAsync(params (string Indicator, string Input, string Value)[] values)
    {
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            ReporterA, _period.Id, "SO-A", values.Select(x => new ValueChange(x.Indicator, x.Input, x.Value)).ToArray(), AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString());
    }

    private Task<Outcome<WorkbookFile>> DownloadOutcomeAsync(Actor actor, string unit = "SO-A") =>
        _province.InScopeAsync(s => s.GetRequiredService<FormWorkbookService>().DownloadAsync(actor, _period.Id, unit, Language.Vietnamese, Ct));

    private async Task<WorkbookFile> DownloadAsync(Actor actor, string unit = "SO-A")
    {
        var file = await DownloadOutcomeAsync(actor, unit);
        Assert.True(file.Succeeded, file.Message?.ToString());
        return file.Value!;
    }

    private Task<Outcome<WorkbookPreview>> ImportOutcomeAsync(Actor actor, byte[] content, bool apply, string fileName = "bieu-mau.xlsx") =>
        _province.InScopeAsync(s => s.GetRequiredService<FormWorkbookService>().ImportAsync(actor, _period.Id, "SO-A", new WorkbookUpload(fileName, new MemoryStream(content)), apply, Ct));

    private async Task<WorkbookPreview> ImportAsync(Actor actor, byte[] content, bool apply, string fileName = "bieu-mau.xlsx")
    {
        var outcome = await ImportOutcomeAsync(actor, content, apply, fileName);
        Assert.True(outcome.Succeeded, outcome.Message + " " + string.Join("; ", outcome.Problems.Select(p => p.Message.ToString(Language.Vietnamese))));
        return outcome.Value!;
    }

    private static byte[] Edit(WorkbookFile file, Action<FormWorkbookEditor> edit)
    {
        using var editor = new FormWorkbookEditor(file.Content);
        edit(editor);
        return editor.Save();
    }
}
