using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>Editing a stored framework in the browser or through the API: each save is a new version, the source never changes.</summary>
public sealed class FrameworkEditServiceTests : IAsyncLifetime
{
    private const string Source = "dti-department-2022";

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task EditsAccumulateInTheDraft_AndSavingCreatesANewVersion_LeavingTheSourceAsItWas()
    {
        var storedBefore = await _province.InDbAsync(db => db.Frameworks.AsNoTracking().SingleAsync(f => f.Code == Source, Ct));
        var draft = await Edit(null, "1.1", f => f with { Name = "Tên đã sửa", Guidance = "Hướng dẫn mới" });
        var leaf = draft.Definition!.AllNodes().First(n => n.Children.Count == 0 && n.Code != "1.1");
        draft = await Edit(draft.Yaml, leaf.Code!, f => f with { Requirement = "≥ 90%" });

        var saved = await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, draft.Yaml, null, "Bộ chỉ số các sở (sửa)", dryRun: false, Ct));

        Assert.True(saved.Succeeded, saved.Message?.ToString());
        Assert.Equal(("dti-department-2022-v2", true), (saved.Value!.Code, saved.Value.Saved));
        Assert.Equal(
            [new FrameworkChange(ChangeKind.Renamed, "1.1", FrameworkLoaderName(storedBefore.Yaml), "Tên đã sửa")],
            saved.Value.Changes.Where(c => c.Kind == ChangeKind.Renamed));
        var records = await _province.InDbAsync(db => db.Frameworks.AsNoTracking().Where(f => f.Code.StartsWith(Source)).ToListAsync(Ct));
        var source = records.Single(r => r.Code == Source);
        var version = records.Single(r => r.Code == "dti-department-2022-v2");
        Assert.Equal((storedBefore.Yaml, storedBefore.Name, true), (source.Yaml, source.Name, source.BuiltIn));
        Assert.Equal((Source, false, "Bộ chỉ số các sở (sửa)", "admin"), (version.CopiedFrom, version.BuiltIn, version.Name, version.ImportedBy));
        var compiled = await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022-v2", Ct));
        Assert.Equal("Hướng dẫn mới", compiled.Value!.FindNode("1.1")!.Guidance);
        Assert.Equal("≥ 90%", compiled.Value.FindNode(leaf.Code!)!.Requirement);
        var audit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Framework && a.Subject == "dti-department-2022-v2").ToListAsync(Ct));
        Assert.Contains(audit, a => a.Input == "edited_from" && a.OldValue == Source && a.NewValue == "dti-department-2022-v2" && a.UserName == "admin");
        Assert.Contains(audit, a => a.Input == "imported");
    }

    [Fact]
    public async Task AnOpenPeriod_KeepsTheVersionItWasOpenedWith_WhenItsFrameworkIsEdited()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        var frameworkIdBefore = await _province.InDbAsync(db => db.Periods.Where(p => p.Id == period.Id).Select(p => p.FrameworkId).SingleAsync(Ct));
        var draft = await Edit(null, "1.1", f => f with { Name = "Đổi tên trong lúc kỳ đang mở" });

        var saved = await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, draft.Yaml, "dti-department-2024", null, dryRun: false, Ct));

        Assert.True(saved.Succeeded, saved.Message?.ToString());
        var after = await _province.InDbAsync(db => db.Periods.Include(p => p.Framework).AsNoTracking().SingleAsync(p => p.Id == period.Id, Ct));
        Assert.Equal((frameworkIdBefore, Source), (after.FrameworkId, after.Framework!.Code));
        var scored = await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetByIdAsync(after.FrameworkId, Ct));
        Assert.NotEqual("Đổi tên trong lúc kỳ đang mở", scored.FindNode("1.1")!.Name);
    }

    [Fact]
    public async Task DryRun_ListsTheChanges_AndSavesNothing()
    {
        var draft = await Edit(null, "1.1", f => f with { Name = "Thử" });

        var preview = await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, draft.Yaml, null, null, dryRun: true, Ct));

        Assert.True(preview.Succeeded, preview.Message?.ToString());
        Assert.False(preview.Value!.Saved);
        Assert.Contains(preview.Value.Changes, c => c.Kind == ChangeKind.Renamed && c.Code == "1.1" && c.After == "Thử");
        Assert.False(await _province.InDbAsync(db => db.Frameworks.AnyAsync(f => f.Code == "dti-department-2022-v2", Ct)));
    }

    [Fact]
    public async Task ARuleThatDoesNotParse_IsRefusedAtTheNodesRuleField_AndTheDraftIsUnchanged()
    {
        var opened = await EditsAsync(e => e.OpenAsync(Actors.Admin, Source, null, Ct));
        var form = NodeForm.Of(opened.Value!.Definition!.FindNode("1.1")!, Language.Vietnamese) with { Rule = "ratio(a, " };

        var refused = await EditsAsync(e => e.EditNodeAsync(Actors.Admin, Source, opened.Value.Yaml, "1.1", form, isNew: false, Language.Vietnamese, Ct));

        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("1.1", "rule"), (problem.Indicator, problem.Input));
        Assert.StartsWith("DTI2", problem.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PointsThatNoLongerAddUp_StayInTheDraft_AtTheParent_AndSavingIsRefused()
    {
        var draft = await Edit(null, "1.1", f => f with { MaxPoints = "99,5" });

        var parent = Assert.Single(draft.Errors);
        Assert.Equal((DiagnosticCodes.PointsExceedParent, "1", "max_points"), (parent.Code, parent.Location.NodeCode, parent.Location.Field));
        Assert.Null(parent.Location.Line);
        Assert.Equal(99.5m, draft.Definition!.FindNode("1.1")!.MaxPoints);

        var saved = await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, draft.Yaml, null, null, dryRun: false, Ct));

        Assert.Equal(OutcomeStatus.Invalid, saved.Status);
        Assert.Contains(saved.Problems, p => p.Indicator == "1" && p.Input == "max_points");
        Assert.False(await _province.InDbAsync(db => db.Frameworks.AnyAsync(f => f.Code == "dti-department-2022-v2", Ct)));
    }

    [Fact]
    public async Task ANumberThatDoesNotRead_IsRefusedAtItsField()
    {
        var opened = await EditsAsync(e => e.OpenAsync(Actors.Admin, Source, null, Ct));
        var form = NodeForm.Of(opened.Value!.Definition!.FindNode("1.1")!, Language.Vietnamese) with { MaxPoints = "mười" };

        var refused = await EditsAsync(e => e.EditNodeAsync(Actors.Admin, Source, null, "1.1", form, isNew: false, Language.Vietnamese, Ct));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("1.1", "max_points", "`mười` không phải là số (viết như 1.234,5)"), (problem.Indicator, problem.Input, problem.Message.ToString(Language.Vietnamese)));
    }

    [Fact]
    public async Task AddingAChild_AndRemovingANode_AreListedAsAddedAndRemoved()
    {
        var opened = await EditsAsync(e => e.OpenAsync(Actors.Admin, Source, null, Ct));
        var first = opened.Value!.Definition!.Nodes[0].Children[0];
        var removed = first.Children[^1];
        var code = Core.Frameworks.Definitions.FrameworkEdits.NextChildCode(opened.Value.Definition, first.Code);
        var form = NodeForm.Of(removed, Language.Vietnamese) with { Code = code, Name = "Chỉ tiêu thay thế" };
        var added = await EditsAsync(e => e.EditNodeAsync(Actors.Admin, Source, opened.Value.Yaml, first.Code, form, isNew: true, Language.Vietnamese, Ct));
        Assert.True(added.Succeeded, string.Join("; ", added.Problems.Select(p => p.Message.ToString(Language.Vietnamese))));
        var taken = await EditsAsync(e => e.EditNodeAsync(Actors.Admin, Source, added.Value!.Yaml, first.Code, form, isNew: true, Language.Vietnamese, Ct));
        Assert.Equal(("code", OutcomeStatus.Invalid), (Assert.Single(taken.Problems).Input, taken.Status));

        var without = await EditsAsync(e => e.RemoveNodeAsync(Actors.Admin, Source, added.Value!.Yaml, removed.Code!, Ct));
        var preview = await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, without.Value!.Yaml, null, null, dryRun: true, Ct));

        Assert.True(preview.Succeeded, string.Join("; ", preview.Problems.Select(p => p.Message.ToString(Language.Vietnamese))));
        Assert.Contains(new FrameworkChange(ChangeKind.Removed, removed.Code!, null, null), preview.Value!.Changes.Select(c => c with { Before = null }));
        Assert.Contains(preview.Value.Changes, c => c.Kind == ChangeKind.Added && c.Code == code);
    }

    [Fact]
    public async Task TheProposedCode_SkipsVersionsTaken()
    {
        var draft = await Edit(null, "1.1", f => f with { Name = "Một" });
        await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, draft.Yaml, null, null, dryRun: false, Ct));

        var again = await EditsAsync(e => e.OpenAsync(Actors.Admin, Source, null, Ct));

        Assert.Equal("dti-department-2022-v3", again.Value!.ProposedCode);
        Assert.Equal("dti-department-2022-v3", FrameworkEditService.NextVersionCode("dti-department-2022-v2", []));
        var taken = await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, draft.Yaml, "dti-department-2022-v2", null, dryRun: true, Ct));
        Assert.Equal(OutcomeStatus.Conflict, taken.Status);
    }

    [Fact]
    public async Task OnlyAdministrators_MayEdit()
    {
        var unit = (await _province.UnitAsync("SO-A")).Id;
        foreach (var actor in Actors.NotAdministrators(unit))
        {
            var opened = await EditsAsync(e => e.OpenAsync(actor, Source, null, Ct));
            var saved = await EditsAsync(e => e.SaveAsync(actor, Source, null, null, null, dryRun: false, Ct));

            Assert.Equal((OutcomeStatus.Forbidden, OutcomeStatus.Forbidden), (opened.Status, saved.Status));
        }

        Assert.Equal(4, await _province.InDbAsync(db => db.Frameworks.CountAsync(Ct)));
    }

    [Fact]
    public async Task ADraftThatIsNotAFramework_IsRefusedWithItsLine()
    {
        var saved = await EditsAsync(e => e.SaveAsync(Actors.Admin, Source, "code: [", null, null, dryRun: true, Ct));

        Assert.Equal(OutcomeStatus.Invalid, saved.Status);
        Assert.NotEmpty(saved.Problems);
    }

    private static string FrameworkLoaderName(string yaml) =>
        Exchange.Frameworks.FrameworkLoader.Load(yaml).Framework!.FindNode("1.1")!.Name;

    private async Task<FrameworkDraft> Edit(string? draft, string node, Func<NodeForm, NodeForm> change)
    {
        var opened = await EditsAsync(e => e.OpenAsync(Actors.Admin, Source, draft, Ct));
        Assert.True(opened.Succeeded, opened.Message?.ToString());
        var form = change(NodeForm.Of(opened.Value!.Definition!.FindNode(node)!, Language.Vietnamese));
        var edited = await EditsAsync(e => e.EditNodeAsync(Actors.Admin, Source, opened.Value.Yaml, node, form, isNew: false, Language.Vietnamese, Ct));
        Assert.True(edited.Succeeded, string.Join("; ", edited.Problems.Select(p => p.Message.ToString(Language.Vietnamese)).Prepend(edited.Message?.ToString() ?? string.Empty)));
        return edited.Value!;
    }

    private Task<T> EditsAsync<T>(Func<FrameworkEditService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<FrameworkEditService>()));
}
