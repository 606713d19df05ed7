using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Units;
using OpenDti.Data.Audit;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Levels as the law says on a given day (issue 17 point 1): before 01/07/2025 a commune belongs to a district, from
/// then to the province; moves are dated, in the unit's history and audited; a unit read as of a day has that day's
/// parent and name; a cohort mixes districts and communes only when its framework says so.
/// </summary>
public sealed class TwoLevelUnitTests : IAsyncLifetime
{
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task ACommuneCreatedFromTheReform_BelongsToTheProvince_AndBeforeItToADistrict()
    {
        var under = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-MOI", "Xã Mới", UnitLevel.Commune, "TINH", Reform, Ct));
        Assert.True(under.Succeeded, under.Message?.ToString());

        var early = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-CU", "Xã Cũ", UnitLevel.Commune, "TINH", Reform.AddDays(-1), Ct));
        Assert.Equal(OutcomeStatus.Invalid, early.Status);
        Assert.Equal("xã phải thuộc một huyện, nhưng `TINH` là tỉnh", early.Message!.ToString());

        var late = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-SAU", "Xã Sau", UnitLevel.Commune, "HUYEN-1", Reform, Ct));
        Assert.Equal(OutcomeStatus.Invalid, late.Status);
        Assert.Equal(
            "ngày 01/07/2025, xã phải thuộc một tỉnh (từ 01/07/2025, chính quyền địa phương hai cấp: xã trực thuộc tỉnh; trước đó xã thuộc huyện), nhưng `HUYEN-1` là huyện",
            late.Message!.ToString());
        Assert.Equal(
            "on 1 July 2025 a commune must belong to a province (from 1 July 2025 local government has two levels: a commune belongs to the province; before that, to a district), but `HUYEN-1` is a district",
            late.Message.ToString(Core.Text.Language.English));
    }

    [Fact]
    public async Task AMove_IsDated_InTheHistoryWithBothParents_Audited_AndTheUnitReadsAsOfADay()
    {
        var moved = await _province.UnitsAsync(u => u.MoveAsync(Actors.Admin, "XA-1-1", "TINH", Reform, "Nghị quyết 1", Ct));
        Assert.True(moved.Succeeded, moved.Message?.ToString());

        var tinh = (await _province.UnitAsync("TINH")).Id;
        var huyen = (await _province.UnitAsync("HUYEN-1")).Id;
        Assert.Equal(tinh, (await _province.UnitAsync("XA-1-1")).ParentId);
        var move = (await _province.HistoryAsync("XA-1-1")).Single(e => e.Kind == UnitEventKind.Moved);
        Assert.Equal((Reform, huyen, tinh, "Nghị quyết 1"), (move.EffectiveOn, move.OldParentId, move.NewParentId, move.Note));
        var audit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Kind == AuditKind.Unit && a.Input == "moved", Ct));
        Assert.Equal(("HUYEN-1", "TINH", "2025-07-01"), (audit.OldValue, audit.NewValue, audit.Subject));

        var before = (await _province.UnitsAsync(u => u.AsOfAsync("XA-1-1", Reform.AddDays(-1), Ct))).Value!;
        var after = (await _province.UnitsAsync(u => u.AsOfAsync("XA-1-1", Reform, Ct))).Value!;
        Assert.Equal(("HUYEN-1", "TINH"), (before.ParentCode, after.ParentCode));

        // Before the reform a commune cannot go under the province; nor can a later change be dated earlier.
        var back = await _province.UnitsAsync(u => u.MoveAsync(Actors.Admin, "XA-1-1", "HUYEN-1", Reform.AddDays(10), null, Ct));
        Assert.Equal(OutcomeStatus.Invalid, back.Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await _province.UnitsAsync(u => u.MoveAsync(Actors.Viewer, "XA-1-1", "TINH", Reform, null, Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await _province.UnitsAsync(u => u.MoveAsync(Actors.Admin, "XA-1-1", "KHONG-CO", Reform, null, Ct))).Status);
    }

    [Fact]
    public async Task AMoveBeforeTheReform_ToTheProvince_IsRefused_AndChangesNothing()
    {
        var outcome = await _province.UnitsAsync(u => u.MoveAsync(Actors.Admin, "XA-1-1", "TINH", new DateOnly(2025, 6, 30), null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("xã phải thuộc một huyện, nhưng `TINH` là tỉnh", outcome.Message!.ToString());
        Assert.Equal((await _province.UnitAsync("HUYEN-1")).Id, (await _province.UnitAsync("XA-1-1")).ParentId);
        Assert.DoesNotContain(await _province.HistoryAsync("XA-1-1"), e => e.Kind == UnitEventKind.Moved);
    }

    [Fact]
    public async Task ClosingADistrict_WithItsCommunesMovedToTheProvince_MovesThemTheSameDay()
    {
        var closed = await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "HUYEN-1", Reform, "Nghị quyết 2", "TINH", Ct));

        Assert.True(closed.Succeeded, closed.Message?.ToString());
        Assert.Equal(Reform, (await _province.UnitAsync("HUYEN-1")).ClosedOn);
        Assert.Equal((await _province.UnitAsync("TINH")).Id, (await _province.UnitAsync("XA-1-1")).ParentId);
        var tree = await _province.UnitsAsync(u => u.ListAsOfAsync(new DateOnly(2024, 12, 31), Ct));
        Assert.Equal(("HUYEN-1", true), (tree.Single(u => u.Code == "XA-1-1").ParentCode, tree.Single(u => u.Code == "HUYEN-1").Active));
    }

    [Fact]
    public async Task ClosingADistrict_WhoseCommunesCannotMove_ClosesNothing()
    {
        // Before the reform a commune cannot belong to the province: the closure is refused whole.
        var outcome = await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "HUYEN-1", new DateOnly(2025, 3, 1), null, "TINH", Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Null((await _province.UnitAsync("HUYEN-1")).ClosedOn);
        Assert.Equal((await _province.UnitAsync("HUYEN-1")).Id, (await _province.UnitAsync("XA-1-1")).ParentId);
    }

    [Fact]
    public async Task CommunesMergedFromTheReform_GoUnderTheProvince_OfTheirDistrict()
    {
        Assert.True((await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-1-2", "Xã Hai", UnitLevel.Commune, "HUYEN-1", cancellationToken: Ct))).Succeeded);

        var merged = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["XA-1-1", "XA-1-2"], "XA-MOI", "Xã Mới", Reform, null, Ct));

        Assert.True(merged.Succeeded, merged.Message?.ToString());
        Assert.Equal((await _province.UnitAsync("TINH")).Id, (await _province.UnitAsync("XA-MOI")).ParentId);
    }

    [Fact]
    public async Task ACohort_MixesDistrictsAndCommunes_OnlyWhenItsFrameworkSaysSo()
    {
        const string yaml = """
            code: thu-hon-hop
            name: Bộ chỉ số thử huyện và xã
            year: 2025
            level: district
            mixed_levels: true
            total_points: 10
            nodes:
              - code: "1"
                kind: main_index
                name: Chỉ số chính
                max_points: 10
                children:
                  - code: "1.1"
                    name: Chỉ số
                    max_points: 10
                    inputs:
                      - name: a
                        label: a = có
                        kind: yes_no
                    rule: a
            """;
        var imported = await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().ImportAsync(Actors.Admin, yaml, "thu.yaml", Ct));
        Assert.True(imported.Succeeded, imported.Message?.ToString());

        var mixed = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Admin, "thu-hon-hop", 2025, "Hỗn hợp", new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1), ["HUYEN-1", "XA-1-1"], Ct));
        Assert.True(mixed.Succeeded, mixed.Message?.ToString());
        Assert.Equal(2, mixed.Value!.UnitCount);

        var plain = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Admin, "dti-district-2023", 2025, "Một cấp", new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1), ["HUYEN-1", "XA-1-1"], Ct));
        Assert.Equal(OutcomeStatus.Invalid, plain.Status);
        Assert.Equal("`XA-1-1` là xã, còn bộ chỉ số `dti-district-2023` dành cho cấp huyện", Assert.Single(plain.Problems).Message.ToString());
    }
}
