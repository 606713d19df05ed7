using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Periods;
using OpenDti.Application.Plans;
using OpenDti.Application.Results;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Exchange.Frameworks;
using Xunit;

namespace OpenDti.Application.Tests.Improvement;

/// <summary>
/// Following an indicator and a unit across years (issue 17, point 5 and part of 2; docs/frameworks.md, "Crosswalks
/// between editions"): a confirmed crosswalk is checked and stored, and trends, the ranking's change against last year
/// and plan baselines follow it; without one, nodes are matched by code as before. A merged unit's last year is read by
/// the period's merger rule in the ranking as in trends.
/// </summary>
public sealed class ContinuityTests : IAsyncLifetime
{
    /// <summary>The edition of the tests: dti-department-2022 with main index 4 renumbered 7 (its indicators 7.1 …).</summary>
    private const string Edition = "dti-department-2025-thu";

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task ATrend_TheYearsChange_AndThePlansBaseline_FollowARenumberedMainIndex_OnceTheCrosswalkIsConfirmed()
    {
        var (y2024, y2025) = await TwoEditionsAsync();
        var last = (await TotalsAsync(y2024.Id))["SO-A"];
        var fourBefore = last.MainIndices.Single(m => m.Code == "4");

        // Without a crosswalk, nodes are matched by code: 2024 has no main index 7.
        var byCode = await TrendOfSoAAsync(y2025.Id);
        Assert.DoesNotContain(byCode.Points.Single(p => p.Year == 2024).MainIndices, m => m.Code == "7");
        Assert.DoesNotContain((await RowOfSoAAsync(y2025.Id)).Change!.MainIndices, m => m.Code == "7");

        await ConfirmProposalAsync();

        var trend = await TrendOfSoAAsync(y2025.Id);
        var seven = trend.Points.Single(p => p.Year == 2024).MainIndices.Single(m => m.Code == "7");
        Assert.Equal((fourBefore.Points, fourBefore.Rank), (seven.Points, seven.Rank));
        Assert.Equal((Continuation.Renamed, "4"), (seven.Origin!.Kind, string.Join(",", seven.Origin.Sources)));
        Assert.Null(trend.Points.Single(p => p.Year == 2025).MainIndices.Single(m => m.Code == "7").Origin);

        var change = (await RowOfSoAAsync(y2025.Id)).Change!;
        var now = (await TotalsAsync(y2025.Id))["SO-A"].MainIndices.Single(m => m.Code == "7");
        var seventh = change.MainIndices.Single(m => m.Code == "7");
        Assert.Equal((fourBefore.Points, now.Points - fourBefore.Points, "4"), (seventh.PreviousPoints, seventh.PointsDifference, seventh.Origin!.Sources.Single()));
        Assert.Null(change.MainIndices.Single(m => m.Code == "1").Origin);

        // Last year published: the plan's baseline of 7.1 is what 4.1 got.
        await _province.FinaliseAsync(y2024.Id, "SO-A", "SO-B", "SO-C");
        var publication = await _province.PublishAsync(y2024.Id);
        var plan = await _province.InScopeAsync(s => s.GetRequiredService<PlanService>().GetAsync(Actors.Evaluator, y2025.Id, "SO-A", Ct));
        Assert.True(plan.Succeeded, plan.Message?.ToString());
        var published = await _province.InScopeAsync(s => s.GetRequiredService<OpenDti.Application.Review.PublicationService>().GetAsync(Actors.Evaluator, y2024.Id, publication.Number, Ct));
        var baseline = plan.Value!.Items.Single(i => i.Indicator == "7.1").LastYear!;
        Assert.Equal(PointsOf(published.Value!, "SO-A", "4.1"), baseline.Points);
        Assert.Equal((Continuation.Renamed, "4.1"), (baseline.Origin!.Kind, baseline.Origin.Sources.Single()));

        // The gap analysis's last year is the plan's baseline, marked where it came through the crosswalk.
        var gaps = await _province.InScopeAsync(s => s.GetRequiredService<OpenDti.Application.Improvement.GapService>().UnitAsync(Actors.Evaluator, y2025.Id, "SO-A", cancellationToken: Ct));
        var leaf = gaps.Value!.Items.First(i => i.MainIndex == "7");
        Assert.Equal(plan.Value.Items.Single(i => i.Indicator == leaf.Indicator).LastYear!.Points, leaf.LastYear);
        Assert.Equal("4" + leaf.Indicator[1..], leaf.LastYearOrigin!.Sources.Single());
        Assert.Null(gaps.Value.Items.First(i => i.MainIndex == "1").LastYearOrigin);
        Assert.Null(gaps.Value.LastYearMerged);
    }

    [Fact]
    public void ContinuingAYear_SumsMergedMainIndices_ShowsASplitWholeAgainstEachPart_AndKeepsADroppedOne_Marked()
    {
        var year = new TrendYear(2024, 1, "2024", "a", 300, true, 2, [new("A", "A", 100), new("B", "B", 50), new("C", "C", 80), new("D", "D", 70)]);
        TrendPoint Point(decimal a, decimal b, decimal c, decimal d, int rank) =>
            new(2024, a + b + c + d, rank, true, [new("A", a, 1), new("B", b, 1), new("C", c, 1), new("D", d, 1)]);
        var figures = new PeriodFigures(year, new Dictionary<int, TrendPoint> { [1] = Point(90, 10, 60, 5, 1), [2] = Point(40, 45, 20, 30, 2) });
        var map = new NodeMap("a", "b",
        [
            new CrosswalkLink("A", "X", Continuation.Merged), new CrosswalkLink("B", "X", Continuation.Merged),
            new CrosswalkLink("C", "Y", Continuation.Split), new CrosswalkLink("C", "Z", Continuation.Split),
            new CrosswalkLink("D", null, Continuation.Dropped), new CrosswalkLink(null, "N", Continuation.New),
        ]);
        var next = new TrendYear(2025, 2, "2025", "b", 300, false, 2, [new("X", "X", 150), new("Y", "Y", 40), new("Z", "Z", 40), new("N", "N", 70)]);

        var continued = TrendService.Continue(figures, map, next);

        Assert.Equal([("X", 150m), ("Y", 80m), ("Z", 80m), ("D", 70m)], continued.Year.MainIndices.Select(m => (m.Code, m.MaxPoints)));
        var first = continued.Points[1].MainIndices.ToDictionary(m => m.Code);
        var second = continued.Points[2].MainIndices.ToDictionary(m => m.Code);
        Assert.Equal((100m, 1, 85m, 2), (first["X"].Points, first["X"].Rank, second["X"].Points, second["X"].Rank));
        Assert.Equal((60m, 60m, 20m), (first["Y"].Points, first["Z"].Points, second["Y"].Points));
        Assert.Equal((Continuation.Merged, "A,B"), (first["X"].Origin!.Kind, string.Join(",", first["X"].Origin!.Sources)));
        Assert.Equal(Continuation.Split, first["Z"].Origin!.Kind);
        Assert.True(first["X"].Origin!.Marked && first["Y"].Origin!.Marked);
        Assert.False(first.ContainsKey("N"));
        Assert.Equal((5m, null), (first["D"].Points, first["D"].Origin));
    }

    [Fact]
    public void LastYearsChange_OfAMergedMainIndex_IsAgainstTheSumOfItsParts_RankedAmongLastYearsUnitsSummedTheSameWay()
    {
        UnitResult Unit(string code, decimal a, decimal b) =>
            new(code, code, a + b, 1, true, true, 1, 1, [new MainIndexResult("A", "A", a, 100, 1), new MainIndexResult("B", "B", b, 50, 1)]);
        var lastYear = new[] { Unit("U1", 30, 40), Unit("U2", 60, 5), Unit("U3", 50, 45) };
        var now = new UnitResult("U1", "U1", 80, 2, true, true, 1, 1, [new MainIndexResult("X", "X", 80, 150, 2)]);
        var map = new NodeMap("a", "b", [new CrosswalkLink("A", "X", Continuation.Merged), new CrosswalkLink("B", "X", Continuation.Merged)]);

        var change = YearChange.Between(now, lastYear[0], map, lastYear).MainIndices.Single();

        Assert.Equal(("X", 70m, 2, 10m, 0), (change.Code, change.PreviousPoints, change.PreviousRank, change.PointsDifference, change.RankChange));
        Assert.Equal(Continuation.Merged, change.Origin!.Kind);

        // Without a crosswalk the same figures match by code: X is not compared.
        Assert.Empty(YearChange.Between(now, lastYear[0], NodeMap.ByCode("a", "b"), lastYear).MainIndices);
    }

    [Fact]
    public async Task TheRankingsChangeAgainstLastYear_ReadsAMergedUnitByThePeriodsMergerRule_AndMarksIt()
    {
        var y2024 = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"]);
        await _province.ReportAsync(y2024.Id, "SO-A", 0.3m, 1);
        await _province.ReportAsync(y2024.Id, "SO-B", 0.8m, 2);
        await _province.ReportAsync(y2024.Id, "SO-C", 0.6m, 3);
        var merged = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-A", "SO-B"], "SO-AB", "Sở A và B", new DateOnly(2025, 3, 1), null, "TINH", Ct));
        Assert.True(merged.Succeeded, merged.Message?.ToString());
        var created = await _province.PeriodsAsync(p => p.CreateAsync(
            Actors.Evaluator, "dti-department-2022", 2025, "Đánh giá năm 2025", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), ["SO-AB", "SO-C"], Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        Assert.True((await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, created.Value!.Id, PeriodStatus.Open, Ct))).Succeeded);
        await ReportOnAsync(created.Value!.Id, "SO-AB", "dti-department-2022", 0.7m, 4);
        var last = await TotalsAsync(y2024.Id);

        var row = (await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().OverviewAsync(Actors.Evaluator, created.Value!.Id, Ct)))
            .Value!.Rows.Single(r => r.Result.UnitCode == "SO-AB");

        var mean = Math.Round((last["SO-A"].Total + last["SO-B"].Total) / 2, 2, MidpointRounding.AwayFromZero);
        Assert.Equal((mean, row.Result.Total - mean), (row.Change!.PreviousTotal, row.Change.PointsDifference));
        Assert.Equal((MergerRule.Mean, "SO-A,SO-B"), (row.Change.Merged!.Rule, string.Join(",", row.Change.Merged.Units.Select(u => u.Code))));
        var firstIndex = row.Change.MainIndices.Single(m => m.Code == "1");
        Assert.Equal(
            Math.Round((last["SO-A"].MainIndices[0].Points + last["SO-B"].MainIndices[0].Points) / 2, 2, MidpointRounding.AwayFromZero),
            firstIndex.PreviousPoints);

        // SO-C, not merged, is its own last year, unmarked.
        var soC = (await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().OverviewAsync(Actors.Evaluator, created.Value!.Id, Ct)))
            .Value!.Rows.Single(r => r.Result.UnitCode == "SO-C");
        Assert.Equal((last["SO-C"].Total, null), (soC.Change!.PreviousTotal, soC.Change.Merged));
    }

    [Fact]
    public async Task ACrosswalk_IsRefusedWithEachProblemLocated_AndNothingSaved_ThenConfirmedOnceAudited_AndAStaleConfirmationIsAConflict()
    {
        await ImportEditionAsync();
        var older = await FrameworkAsync("dti-department-2022");
        var newer = await FrameworkAsync(Edition);
        var good = Crosswalk.Propose(older, newer).Links.Select(l => new CrosswalkLinkInput(l.From, l.To, Crosswalk.KindName(l.Kind))).ToList();
        var audit = await _province.InDbAsync(db => db.AuditEntries.CountAsync(Ct));

        // A line naming an unknown node, one with an unknown kind, and one node left out.
        List<CrosswalkLinkInput> bad = [.. good.Where(l => l.To != "7.2")];
        bad[1] = bad[1] with { From = "9.9" };
        bad[2] = bad[2] with { Kind = "moved" };
        var kind = await SaveAsync(bad, 0);
        Assert.Equal(OutcomeStatus.Invalid, kind.Status);
        var problem = Assert.Single(kind.Problems);
        Assert.Equal((2, "kind"), (problem.Row, problem.Input));
        Assert.Contains("dòng 3", problem.Message.ToString(), StringComparison.Ordinal);

        bad[2] = good[2];
        var refused = await SaveAsync(bad, 0);
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Contains(refused.Problems, p => p.Code == "DTI8001" && p.Row == 1 && p.Message.ToString(Core.Text.Language.Vietnamese).Contains("links:2", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Code == "DTI8006" && p.Indicator == "7.2");
        Assert.Contains(refused.Problems, p => p.Code == "DTI8006" && p.Indicator == "4.2");
        var csv = await _province.InScopeAsync(s => s.GetRequiredService<CrosswalkService>().UploadAsync(
            Actors.Admin, "dti-department-2022", Edition, "from,to,kind,from_name,to_name\n1,1,same,,\n4,7,bogus,,\n"u8.ToArray(), "doi-chieu.csv", 0, Ct));
        Assert.Contains(csv.Problems, p => p.Code == "DTI8007" && p.Row == 3 && p.Input == "kind" && p.Message.ToString(Core.Text.Language.Vietnamese).StartsWith("doi-chieu.csv:3", StringComparison.Ordinal));
        Assert.Equal(0, await _province.InDbAsync(db => db.Crosswalks.CountAsync(Ct)));
        Assert.Equal(audit, await _province.InDbAsync(db => db.AuditEntries.CountAsync(Ct)));
        Assert.Equal(OutcomeStatus.Forbidden, (await _province.InScopeAsync(s => s.GetRequiredService<CrosswalkService>().SaveAsync(Actors.Evaluator, "dti-department-2022", Edition, good, 0, Ct))).Status);

        var saved = await SaveAsync(good, 0);
        Assert.True(saved.Succeeded, saved.Message?.ToString());
        Assert.Equal((true, 1, "admin", good.Count), (saved.Value!.Confirmed, saved.Value.Version, saved.Value.ConfirmedBy, saved.Value.Links.Count));
        var read = await _province.InScopeAsync(s => s.GetRequiredService<CrosswalkService>().GetAsync("dti-department-2022", Edition, Ct));
        Assert.Equal(good.Select(l => (l.From, l.To, l.Kind)), read.Value!.Links.Select(l => (l.From, l.To, l.Kind)));
        Assert.Equal("Nhân lực số", read.Value.Links.Single(l => l.To == "7").ToName);
        var entry = await _province.InDbAsync(db => db.AuditEntries.OrderBy(e => e.Id).LastAsync(Ct));
        Assert.Equal((AuditKind.Framework, CrosswalkService.AuditInput, "dti-department-2022 → " + Edition, null), (entry.Kind, entry.Input, entry.Subject, entry.OldValue));
        Assert.Contains("4>7:renamed", entry.NewValue, StringComparison.Ordinal);

        // Confirmed again from the version read: replaced, what it said before in the audit; from an older version: a conflict.
        var again = await SaveAsync(good, 1);
        Assert.Equal(2, again.Value!.Version);
        Assert.Contains("4>7:renamed", (await _province.InDbAsync(db => db.AuditEntries.OrderBy(e => e.Id).LastAsync(Ct))).OldValue, StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.Conflict, (await SaveAsync(good, 1)).Status);
        Assert.Equal(good.Count, await _province.InDbAsync(db => db.CrosswalkLinks.CountAsync(Ct)));
    }

    [Fact]
    public async Task TheDemosEditionOf2025_HasAValidCrosswalkFrom2022_WithEveryKindOfChange()
    {
        var older = await FrameworkAsync("dti-department-2022");
        var loaded = FrameworkLoader.Load(FrameworkYamlWriter.Write(DemoDepartments2025.Edition(older)), "dti-department-2025.yaml");
        var newer = Assert.IsType<Framework>(loaded.Framework);
        var lines = DemoDepartments2025.Crosswalk(older, newer);

        var (crosswalk, diagnostics) = Crosswalk.Check(older, newer, [.. lines.Select((l, i) => new CrosswalkLink(l.From, l.To, Crosswalk.KindOf(l.Kind)!.Value, i + 1))]);

        Assert.True(crosswalk is not null, string.Join("\n", diagnostics));
        Assert.Equal(older.TotalPoints, newer.TotalPoints);
        Assert.Equal(
            Enum.GetValues<Continuation>().Order(),
            crosswalk.Links.Select(l => l.Kind).Distinct().Order());
        Assert.Equal(["2.2", "2.3"], crosswalk.Sources("2.2"));
        Assert.Equal(["3.6", "3.7"], crosswalk.Targets("3.6"));
        Assert.Equal(DemoDepartments2025.Renamed13, newer.FindNode("1.3")!.Name);
    }

    private async Task<(PeriodSummary Y2024, PeriodSummary Y2025)> TwoEditionsAsync()
    {
        await ImportEditionAsync();
        var y2024 = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"]);
        var created = await _province.PeriodsAsync(p => p.CreateAsync(
            Actors.Evaluator, Edition, 2025, "Đánh giá năm 2025", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), ["SO-A", "SO-B", "SO-C"], Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        var opened = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, created.Value!.Id, PeriodStatus.Open, Ct));
        var seed = 1;
        foreach (var (code, quality) in new[] { ("SO-A", 0.4m), ("SO-B", 0.7m), ("SO-C", 0.9m) })
        {
            await _province.ReportAsync(y2024.Id, code, quality, seed++);
            await ReportOnAsync(created.Value!.Id, code, Edition, quality + 0.05m, seed++);
        }

        return (y2024, opened.Value!);
    }

    /// <summary>dti-department-2022 with main index 4 (Nhân lực số) renumbered 7, its indicators 7.1 … 7.4, imported.</summary>
    private async Task ImportEditionAsync()
    {
        var older = await FrameworkAsync("dti-department-2022");
        var definition = older.Definition.Clone();
        definition.Code = Edition;
        definition.Year = 2025;
        foreach (var node in definition.AllNodes().Where(n => n.Code == "4" || n.Code!.StartsWith("4.", StringComparison.Ordinal)))
        {
            node.Code = "7" + node.Code![1..];
        }

        var imported = await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().ImportAsync(Actors.Admin, FrameworkYamlWriter.Write(definition), Edition + ".yaml", Ct));
        Assert.True(imported.Succeeded, imported.Message + " " + string.Join("; ", imported.Problems.Select(p => p.Message)));
    }

    private async Task ConfirmProposalAsync()
    {
        var proposal = await _province.InScopeAsync(s => s.GetRequiredService<CrosswalkService>().ProposalAsync("dti-department-2022", Edition, Ct));
        Assert.Equal((false, 0), (proposal.Value!.Confirmed, proposal.Value.Version));
        Assert.Contains(proposal.Value.Links, l => (l.From, l.To, l.Kind) == ("4", "7", "renamed"));
        var saved = await SaveAsync([.. proposal.Value.Links.Select(l => new CrosswalkLinkInput(l.From, l.To, l.Kind))], 0);
        Assert.True(saved.Succeeded, saved.Message + " " + string.Join("; ", saved.Problems.Select(p => p.Message)));
    }

    private Task<Outcome<CrosswalkView>> SaveAsync(IReadOnlyList<CrosswalkLinkInput> lines, int version) =>
        _province.InScopeAsync(s => s.GetRequiredService<CrosswalkService>().SaveAsync(Actors.Admin, "dti-department-2022", Edition, lines, version, Ct));

    private async Task<Framework> FrameworkAsync(string code) =>
        (await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync(code, Ct))).Value!;

    private async Task<UnitTrend> TrendOfSoAAsync(int periodId)
    {
        var trends = await _province.InScopeAsync(s => s.GetRequiredService<TrendService>().ScorecardAsync(Actors.Viewer, periodId, "SO-A", Ct));
        Assert.True(trends.Succeeded, trends.Message?.ToString());
        Assert.Equal([2024, 2025], trends.Value!.Trend.Years.Select(y => y.Year));
        return Assert.Single(trends.Value.Trend.Units);
    }

    private async Task<RankingRow> RowOfSoAAsync(int periodId) =>
        (await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().OverviewAsync(Actors.Evaluator, periodId, Ct)))
            .Value!.Rows.Single(r => r.Result.UnitCode == "SO-A");

    private async Task<Dictionary<string, UnitResult>> TotalsAsync(int periodId)
    {
        var results = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Evaluator, periodId, Ct));
        return results.Value!.Units.ToDictionary(u => u.UnitCode);
    }

    private static decimal PointsOf(OpenDti.Application.Review.PublishedResults publication, string unit, string node) =>
        publication.Snapshot.Units.Single(u => u.Code == unit).Nodes.Single(n => n.Code == node).Points;

    /// <summary>Reports every input of <paramref name="frameworkCode"/> for <paramref name="code"/>, as the unit's reporter, on the period's first day.</summary>
    private async Task ReportOnAsync(int periodId, string code, string frameworkCode, decimal quality, int seed)
    {
        var unit = await _province.UnitAsync(code);
        var framework = await FrameworkAsync(frameworkCode);
        var changes = new DemoValueGenerator(new DemoRandom(seed)).Generate(framework.Leaves, quality, SmallProvince.DepartmentProfile(1));
        var clock = _province.Database.Services.GetRequiredService<TestClock>();
        var now = clock.GetUtcNow();
        var period = await _province.PeriodsAsync(p => p.GetAsync(periodId, Ct));
        clock.SetDay(period.Value!.OpensOn);
        var saved = await _province.ValuesAsync(v => v.SaveAsync(Actors.Reporter(unit.Id), periodId, code, changes, AuditChannel.Page, cancellationToken: Ct));
        clock.SetMoment(now);
        Assert.True(saved.Succeeded, saved.Message + " " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator} {p.Input}: {p.Message}")));
    }
}
