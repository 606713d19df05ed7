using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Diagnostics;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>Frameworks exported as workbooks and imported from them, with the rules and checks of a YAML import.</summary>
public sealed class FrameworkWorkbookServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task Export_ThenImportUnderANewCode_GivesTheSameFramework_Audited()
    {
        var exported = await ServiceAsync(s => s.ExportAsync("dti-department-2022", Ct));
        var renamed = Edit(exported.Value!.Content, w => w.Worksheet("Bộ chỉ số").Cell(3, 2).SetValue("dti-department-excel"));

        var imported = await ServiceAsync(s => s.ImportAsync(Actors.Admin, new MemoryStream(renamed), "Bộ chỉ số sở.xlsx", Ct));

        Assert.True(imported.Succeeded, string.Join("; ", imported.Problems.Select(p => p.Message.ToString(Core.Text.Language.Vietnamese))));
        Assert.Equal("dti-department-excel", imported.Value!.Code);
        var (original, copy) = await _province.InScopeAsync(async s =>
        {
            var catalog = s.GetRequiredService<FrameworkCatalog>();
            return ((await catalog.GetAsync("dti-department-2022", Ct)).Value!, (await catalog.GetAsync("dti-department-excel", Ct)).Value!);
        });
        Assert.Equal(
            Exchange.Frameworks.FrameworkYamlWriter.Write(original.Definition).Replace("dti-department-2022", "dti-department-excel", StringComparison.Ordinal),
            Exchange.Frameworks.FrameworkYamlWriter.Write(copy.Definition));
        var audit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Framework && a.Subject == "dti-department-excel").ToListAsync(Ct));
        Assert.Contains(audit, a => (a.Reason ?? a.NewValue ?? string.Empty).Contains("Bộ chỉ số sở.xlsx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorkbookWithProblems_IsRefused_EachLocatedBySheetAndCell()
    {
        var exported = await ServiceAsync(s => s.ExportAsync("dti-department-2022", Ct));
        var broken = Edit(exported.Value!.Content, w =>
        {
            w.Worksheet("Bộ chỉ số").Cell(3, 2).SetValue("dti-hong");
            w.Worksheet("Đầu vào").Cell(3, 1).SetValue("99.9");
        });

        var imported = await ServiceAsync(s => s.ImportAsync(Actors.Admin, new MemoryStream(broken), "hong.xlsx", Ct));

        Assert.Equal(OutcomeStatus.Invalid, imported.Status);
        Assert.Contains(imported.Problems, p => p.Code == DiagnosticCodes.WorkbookUnknownIndicator && p.Message.ToString(Core.Text.Language.Vietnamese).StartsWith("hong.xlsx › Đầu vào!A3", StringComparison.Ordinal));
        Assert.False(await _province.InDbAsync(db => db.Frameworks.AnyAsync(f => f.Code == "dti-hong", Ct)));
    }

    [Fact]
    public async Task OnlyAdministrators_Import_AndGarbageIsRefusedWithAMessage()
    {
        var exported = await ServiceAsync(s => s.ExportAsync("dti-district-2023", Ct));

        foreach (var actor in Actors.NotAdministrators(1))
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await ServiceAsync(s => s.ImportAsync(actor, new MemoryStream(exported.Value!.Content), "x.xlsx", Ct))).Status);
        }

        var garbage = await ServiceAsync(s => s.ImportAsync(Actors.Admin, new MemoryStream("code: x"u8.ToArray()), "x.xlsx", Ct));
        var existing = await ServiceAsync(s => s.ImportAsync(Actors.Admin, new MemoryStream(exported.Value!.Content), "x.xlsx", Ct));
        Assert.Equal(OutcomeStatus.Invalid, garbage.Status);
        Assert.NotEmpty(garbage.Problems);
        Assert.Equal(OutcomeStatus.Conflict, existing.Status);
    }

    private Task<T> ServiceAsync<T>(Func<FrameworkWorkbookService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<FrameworkWorkbookService>()));

    private static byte[] Edit(byte[] bytes, Action<XLWorkbook> edit)
    {
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        edit(workbook);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }
}
