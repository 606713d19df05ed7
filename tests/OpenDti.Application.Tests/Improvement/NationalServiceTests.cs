using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement.National;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Scoring;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Exchange.Improvement;
using OpenDti.Exchange.Values;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Application.Tests.Improvement;

/// <summary>
/// The national DTI (issue 15 point 6; docs/improvement.md, "The national DTI"): a period scored with its national
/// reference values as the command line scores with <c>--reference</c>, the ministry's results with their 0–1
/// values, and the province's estimate beside last year's official result.
/// </summary>
public sealed class NationalServiceTests : IAsyncLifetime
{
    /// <summary>Đà Nẵng's published DTI 2022 values per main index (SOURCES.md, "How the national DTI is published"), DTI 0,8002.</summary>
    private static readonly decimal[] DaNangValues = [1.0000m, 0.9000m, 0.8253m, 0.8487m, 0.7578m, 0.8575m, 0.7836m, 0.5197m];

    /// <summary>
    /// The national table of 2022 as published, two provinces: Đà Nẵng's points are its published values × max points
    /// (total 800,18), Tiền Giang's the points and ranks of seed 002 section II (627,42, rank 20/63).
    /// </summary>
    internal const string Table2022 =
        "province;own;total;rank;source;1;rank_1;2;rank_2;3;rank_3;4;rank_4;5;rank_5;6;rank_6;7;rank_7;8;rank_8\n"
        + "Đà Nẵng;không;800,18;1;dti.gov.vn, DTI 2022;100;;90;;82,53;;84,87;;75,78;;171,5;;117,54;;77,9550;\n"
        + "Tiền Giang;có;627,42;20;Kế hoạch 444/KH-UBND;87,50;40;80;15;64,43;28;75,38;4;60,6;8;127,75;27;85,36;24;46,40;18\n";

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Reference values

    [Fact]
    public async Task References_ScoreTheSelfAssessment_AsTheCommandLineDoes_AndNoLongerGiveFullPointsOnEveryCohortIndicator()
    {
        var period = await ProvincePeriodAsync(2022);
        var framework = await FrameworkAsync();
        var cohort = NationalService.CohortLeaves(framework);
        Assert.NotEmpty(cohort);

        // Alone in its cohort, the province gets full points on every cohort indicator it measured above 0.
        var before = await ScoreAsync(period.Id);
        var alone = framework.Leaves.Where(l => cohort.Contains(l.Code.Value)).Select(l => before[l]).Where(s => s.Measure.IsDefined && s.Measure.Number > 0).ToArray();
        Assert.NotEmpty(alone);
        Assert.All(alone, s => Assert.Equal(1m, s.Fraction));

        var imported = await ImportReferencesCsvAsync(Actors.Evaluator, period.Id, TestFrameworks.RepositoryFile("samples/tien-giang-2022/reference.csv"));
        Assert.True(imported.Succeeded, imported.Message?.ToString());
        Assert.Equal(16, imported.Value);

        var after = await ScoreAsync(period.Id);
        Assert.Contains(framework.Leaves, l => cohort.Contains(l.Code.Value) && after[l].Fraction is > 0m and < 1m);

        // The same files through the command line's readers and the engine: every node's points, the total and the rank.
        var cli = ScoringEngine.Score(
            framework,
            ValuesCsvReader.Read(new StringReader(TestFrameworks.RepositoryFile("samples/tien-giang-2022/values.csv")), framework, "values.csv").Units,
            new ScoringOptions { References = ReferenceCsvReader.Read(new StringReader(TestFrameworks.RepositoryFile("samples/tien-giang-2022/reference.csv")), framework, "reference.csv").References });
        var expected = cli.Units.Single();
        Assert.Equal(framework.Nodes.Select(n => (n.Code.Value, expected[n].Points)), framework.Nodes.Select(n => (n.Code.Value, after[n].Points)));
        Assert.Equal(expected.Total, after.Total);
        Assert.Equal(627.44m, after.Total);

        // Every page reads it: the ranking and the scorecard give the same total.
        var results = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Evaluator, period.Id, Ct));
        Assert.Equal(627.44m, results.Value!.Units.Single().Total);
    }

    [Fact]
    public async Task References_AreReplacedWhole_Audited_AndAProblemAnywhereKeepsThePreviousSet_WithEachRowAndIndicator()
    {
        var period = await ProvincePeriodAsync(2022);
        var first = await ImportAsync(Actors.Evaluator, period.Id, [new(1, "7.10", "Cao nhất cả nước", Figure.Of("91,85%")), new(2, "4.5", "Cao nhất", Figure.Of(0.9979m))]);
        Assert.Equal(2, first.Value);

        var refused = await ImportAsync(Actors.Evaluator, period.Id,
        [
            new(2, "9.9", "x", Figure.Of("1")),
            new(3, "1.1", "x", Figure.Of("1")),
            new(4, "7.10", "x", Figure.Of("nhiều")),
            new(5, "8.6", "Cao nhất", Figure.Of("50")),
            new(6, "8.6", "Cao nhất", Figure.Of("60")),
            null,
        ]);
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal(
            [("APP-REFERENCE-INDICATOR", 2, "indicator"), ("APP-REFERENCE-NOT-COHORT", 3, "indicator"), ("APP-REFERENCE-MEASURE", 4, "measure"), ("APP-DUPLICATE", 6, "label"), ("APP-REFERENCE-INDICATOR", 6, "indicator")],
            refused.Problems.Select(p => (p.Code, p.Row ?? 0, p.Input ?? string.Empty)));
        Assert.StartsWith("dòng 3: chỉ tiêu 1.1 không chấm theo phương pháp Min-Max", refused.Problems[1].Message.ToString(), StringComparison.Ordinal);

        var kept = await _province.InScopeAsync(s => s.GetRequiredService<NationalService>().ReferencesAsync(Actors.Viewer, period.Id, Ct));
        Assert.Equal([("4.5", "Cao nhất", 0.9979m), ("7.10", "Cao nhất cả nước", 0.9185m)], kept.Value!.Items.Select(i => (i.Indicator, i.Label, i.Measure)));
        Assert.DoesNotContain("7.10", kept.Value.Unreferenced);
        Assert.Contains("8.6", kept.Value.Unreferenced);
        Assert.False(kept.Value.CanImport);

        var emptied = await ImportAsync(Actors.Admin, period.Id, []);
        Assert.Equal(0, emptied.Value);
        var audit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.National && a.PeriodId == period.Id).OrderBy(a => a.Sequence).ToListAsync(Ct));
        Assert.Equal([("references", "0", "2"), ("references", "2", "0")], audit.Select(a => (a.Input, a.OldValue, a.NewValue)));
    }

    [Fact]
    public async Task References_AreImportedByEvaluatorsAndAdministratorsOnly()
    {
        var period = await ProvincePeriodAsync(2022);
        var tinh = (await _province.UnitAsync("TINH")).Id;
        foreach (var actor in new[] { Actors.Viewer, Actors.Reporter(tinh), Actors.Leader(tinh) })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await ImportAsync(actor, period.Id, [new(1, "7.10", "x", Figure.Of(0.5m))])).Status);
        }

        Assert.Equal(OutcomeStatus.NotFound, (await ImportAsync(Actors.Evaluator, period.Id + 100, [])).Status);
        Assert.Empty(await _province.InDbAsync(db => db.PeriodReferences.ToListAsync(Ct)));
    }

    // ---- National results

    [Fact]
    public async Task NationalTable_FromTheCsv_ReproducesThePublishedValues_DtiIsTheTotalOver1000()
    {
        var saved = await SaveTableCsvAsync(Actors.Evaluator, 2022, Table2022, replace: true);
        Assert.True(saved.Succeeded, saved.Message + " " + string.Join("; ", saved.Problems.Select(p => p.Message)));
        Assert.Equal(2, saved.Value);

        var table = (await _province.InScopeAsync(s => s.GetRequiredService<NationalService>().TableAsync(Actors.Viewer, 2022, Ct))).Value!;
        Assert.Equal(("dti-province-2022", 1000m, false), (table.FrameworkCode, table.TotalPoints, table.CanEdit));
        Assert.Equal(["Đà Nẵng", "Tiền Giang"], table.Provinces.Select(p => p.Province));

        var daNang = table.Provinces[0];
        Assert.Equal(DaNangValues, daNang.MainIndices.Select(m => m.Value));
        Assert.Equal((800.18m, 0.8002m, (int?)1, false), (daNang.Total, daNang.Dti, daNang.Rank, daNang.Own));

        var tienGiang = table.Provinces[1];
        Assert.Equal((627.42m, 0.6274m, (int?)20, true), (tienGiang.Total, tienGiang.Dti, tienGiang.Rank, tienGiang.Own));
        Assert.Equal(627.42m, tienGiang.MainIndices.Sum(m => m.Points));
        Assert.Equal([40, 15, 28, 4, 8, 27, 24, 18], tienGiang.MainIndices.Select(m => m.Rank ?? 0));
        Assert.Equal([0.8750m, 0.8000m, 0.6443m, 0.7538m, 0.6060m, 0.6388m, 0.5691m, 0.3093m], tienGiang.MainIndices.Select(m => m.Value));
    }

    [Fact]
    public async Task NationalTable_IsCheckedWhole_WithEachRowAndProvince_AndAPostKeepsTheOtherProvinces()
    {
        Assert.True((await SaveTableCsvAsync(Actors.Evaluator, 2022, Table2022, replace: true)).Succeeded);

        var refused = await SaveAsync(Actors.Evaluator, 2022,
        [
            new(1, "Hà Nội", "có", Figure.Of(700m), Figure.Of(2m), null, [new("1", Figure.Of(101m), default)]),
            new(2, "Hà Nội", null, Figure.Of(700m), default, null, null),
            new(3, " ", null, Figure.Of(1m), default, null, null),
            new(4, "Huế", "có lẽ", Figure.Of(1001m), Figure.Of(0m), null, [new("9", Figure.Of(1m), default)]),
        ], replace: false);
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal(
            [("APP-NATIONAL-POINTS", 1, "points"), ("APP-DUPLICATE", 2, "province"), ("APP-NATIONAL-PROVINCE", 3, "province"), ("APP-NATIONAL-OWN", 4, "own"), ("APP-NATIONAL-POINTS", 4, "total"), ("APP-NATIONAL-RANK", 4, "rank"), ("APP-NATIONAL-INDEX", 4, "mainIndex")],
            refused.Problems.Select(p => (p.Code, p.Row ?? 0, p.Input ?? string.Empty)));
        Assert.Equal("dòng 1, Hà Nội, 1: `101` không phải số điểm từ 0 đến 100", refused.Problems[0].Message.ToString());

        // A second own province is refused; a post replaces only the provinces it sends.
        var twice = await SaveAsync(Actors.Evaluator, 2022, [new(1, "Hà Nội", "có", Figure.Of(700m), Figure.Of(2m), null, null)], replace: false);
        Assert.Equal("APP-NATIONAL-OWN", twice.Problems.Single().Code);
        var posted = await SaveAsync(Actors.Evaluator, 2022, [new(1, "Hà Nội", null, Figure.Of(700m), Figure.Of(2m), null, null), new(2, "đà nẵng", null, Figure.Of(800.2m), Figure.Of(1m), null, null)], replace: false);
        Assert.Equal(3, posted.Value);
        var table = (await _province.InScopeAsync(s => s.GetRequiredService<NationalService>().TableAsync(Actors.Evaluator, 2022, Ct))).Value!;
        Assert.Equal([("đà nẵng", 800.2m), ("Hà Nội", 700m), ("Tiền Giang", 627.42m)], table.Provinces.Select(p => (p.Province, p.Total)));
        Assert.True(table.CanEdit);

        var audit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.National && a.Input == "results").CountAsync(Ct));
        Assert.Equal(2, audit);
        Assert.Equal(OutcomeStatus.Forbidden, (await SaveAsync(Actors.Viewer, 2022, [], replace: true)).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await SaveAsync(Actors.Evaluator, 1999, [], replace: true)).Status);
    }

    // ---- The estimate

    [Fact]
    public async Task Estimate_IsTheSelfAssessmentScoredWithTheReferences_RankedInLastYearsTable_BesideLastYearsOwnResult()
    {
        var period = await ProvincePeriodAsync(2023);
        Assert.True((await ImportReferencesCsvAsync(Actors.Evaluator, period.Id, TestFrameworks.RepositoryFile("samples/tien-giang-2022/reference.csv"))).Succeeded);
        Assert.True((await SaveTableCsvAsync(Actors.Evaluator, 2022, Table2022, replace: true)).Succeeded);
        Assert.True((await SaveAsync(Actors.Evaluator, 2022, [new(1, "Hà Nội", null, Figure.Of(627.45m), Figure.Of(3m), null, null), new(2, "Huế", null, Figure.Of(627.44m), Figure.Of(4m), null, null)], replace: false)).Succeeded);

        var estimate = await _province.InScopeAsync(s => s.GetRequiredService<NationalService>().EstimateAsync(Actors.Viewer, period.Id, Ct));
        Assert.True(estimate.Succeeded, estimate.Message?.ToString());
        var e = estimate.Value!;
        var scored = await ScoreAsync(period.Id);
        Assert.Equal(("TINH", scored.Total, 627.44m, 0.6274m), (e.UnitCode, e.Total, e.Total, e.Dti));
        // Đà Nẵng 800,18 and Hà Nội 627,45 are above; Huế's equal total is not: rank 3 of the three others and this one.
        Assert.Equal((2022, (int?)3, 4), (e.TableYear, e.Rank, e.RankedAmong));
        Assert.Equal(("Tiền Giang", 627.42m, (int?)20), (e.LastYear!.Province, e.LastYear.Total, e.LastYear.Rank));
        Assert.Equal(16, e.References);
        Assert.Empty(e.Unreferenced);
        var framework = await FrameworkAsync();
        Assert.Equal(framework.MainIndices.Select(m => (m.Code.Value, scored[m].Points, NationalService.ValueOf(scored[m].Points, m.MaxPoints))), e.MainIndices.Select(m => (m.Code, m.Points, m.Value)));
        Assert.Equal([87.50m, 80m, 64.43m, 75.38m, 60.6m, 127.75m, 85.36m, 46.40m], e.MainIndices.Select(m => m.LastYear!.Points));
    }

    [Fact]
    public async Task Estimate_WithoutATable_HasNoRank_AndAPeriodOfAnotherLevelHasNoEstimate()
    {
        var period = await ProvincePeriodAsync(2023);
        var estimate = (await _province.InScopeAsync(s => s.GetRequiredService<NationalService>().EstimateAsync(Actors.Evaluator, period.Id, Ct))).Value!;
        Assert.Equal(((int?)null, 1, (NationalProvince?)null, 0), (estimate.Rank, estimate.RankedAmong, estimate.LastYear, estimate.References));
        Assert.Equal(NationalService.CohortLeaves(await FrameworkAsync()).Order(StringComparer.Ordinal), estimate.Unreferenced.Order(StringComparer.Ordinal));

        var departments = await _province.OpenDepartmentPeriodAsync();
        var refused = await _province.InScopeAsync(s => s.GetRequiredService<NationalService>().EstimateAsync(Actors.Evaluator, departments.Id, Ct));
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        var tinh = (await _province.UnitAsync("TINH")).Id;
        Assert.Equal(OutcomeStatus.Forbidden, (await _province.InScopeAsync(s => s.GetRequiredService<NationalService>().EstimateAsync(Actors.Reporter(tinh), period.Id, Ct))).Status);
    }

    // ---- Helpers

    /// <summary>A period of dti-province-2022 for <paramref name="year"/> whose only member, TINH, reported Tiền Giang's 2022 figures (samples/tien-giang-2022).</summary>
    private async Task<PeriodSummary> ProvincePeriodAsync(int year)
    {
        var opens = new DateOnly(year + 1, 1, 10);
        var created = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-province-2022", year, $"Tự đánh giá DTI cấp tỉnh năm {year}", opens, opens.AddMonths(2), ["TINH"], Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        Assert.True((await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, created.Value!.Id, PeriodStatus.Open, Ct))).Succeeded);

        var rows = ValueRowsCsvReader.Read(Encoding.UTF8.GetBytes(TestFrameworks.RepositoryFile("samples/tien-giang-2022/values.csv")));
        Assert.True(rows.Succeeded);
        var clock = _province.Database.Services.GetRequiredService<TestClock>();
        var now = clock.GetUtcNow();
        clock.SetDay(opens);
        var tinh = (await _province.UnitAsync("TINH")).Id;
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            Actors.Reporter(tinh), created.Value!.Id, "TINH", rows.Rows.Select(r => new ValueChange(r.Indicator, r.Input, r.Value)).ToArray(), AuditChannel.Import, cancellationToken: Ct));
        clock.SetMoment(now);
        Assert.True(saved.Succeeded, saved.Message + " " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator} {p.Input}: {p.Message}")));
        return created.Value!;
    }

    private Task<Framework> FrameworkAsync() =>
        _province.InScopeAsync(async s => (await s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-province-2022", Ct)).Value!);

    private Task<UnitScores> ScoreAsync(int periodId) =>
        _province.InScopeAsync(async s => (await s.GetRequiredService<ResultService>().ScoreAsync(periodId, Ct)).Scores.Find("TINH")!);

    private Task<Outcome<int>> ImportAsync(Access.Actor actor, int periodId, IReadOnlyList<ReferenceEntry?> entries) =>
        _province.InScopeAsync(s => s.GetRequiredService<NationalService>().ImportReferencesAsync(actor, periodId, entries, Ct));

    private Task<Outcome<int>> ImportReferencesCsvAsync(Access.Actor actor, int periodId, string csv)
    {
        var read = ReferenceCsvRows.Read(Encoding.UTF8.GetBytes(csv));
        Assert.Empty(read.Diagnostics);
        return ImportAsync(actor, periodId, read.Rows.Select(r => (ReferenceEntry?)new ReferenceEntry(r.Line, r.Indicator, r.Label, Figure.Of(r.Measure))).ToArray());
    }

    private Task<Outcome<int>> SaveAsync(Access.Actor actor, int year, IReadOnlyList<NationalEntry?> entries, bool replace) =>
        _province.InScopeAsync(s => s.GetRequiredService<NationalService>().SaveTableAsync(actor, year, null, entries, replace, Ct));

    private Task<Outcome<int>> SaveTableCsvAsync(Access.Actor actor, int year, string csv, bool replace)
    {
        var read = NationalCsv.Read(Encoding.UTF8.GetBytes(csv), ["1", "2", "3", "4", "5", "6", "7", "8"]);
        Assert.True(read.Succeeded, string.Join("; ", read.Diagnostics.Select(d => d.Message(Core.Text.Language.English))));
        var entries = read.Rows.Select(r => (NationalEntry?)new NationalEntry(
            r.Line, r.Province, r.Own, Figure.Of(r.Total), Figure.Of(r.Rank), r.Source,
            r.MainIndices.Select(m => (NationalMainIndexEntry?)new NationalMainIndexEntry(m.Code, Figure.Of(m.Points), Figure.Of(m.Rank))).ToArray())).ToArray();
        return SaveAsync(actor, year, entries, replace);
    }
}
