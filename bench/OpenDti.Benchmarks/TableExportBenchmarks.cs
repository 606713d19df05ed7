using BenchmarkDotNet.Attributes;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Tables;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Exchange.Tables;
using OpenDti.Testing.Province;

namespace OpenDti.Benchmarks;

/// <summary>
/// The ranking of a 1.000-unit cohort as a file (docs/performance.md): the table built from the period
/// page's read model (overall, every main index, last year's change per index) by
/// <see cref="TableService.Ranking"/>, then written as .xlsx (ClosedXML) and as CSV. Scoring and reading
/// the values are not included: they are the period page's cost, measured under "Pages".
/// </summary>
[MemoryDiagnoser]
public class TableExportBenchmarks
{
    private PeriodOverview _overview = null!;
    private Table _table = null!;

    /// <summary>Units in the cohort.</summary>
    [Params(1_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var framework = FrameworkLoader.Load(BuiltInFrameworks.Yaml("dti-province-2022"), "dti-province-2022.yaml").Framework!;
        var now = Results(ScoringEngine.Score(framework, ProvinceCohort.Generate(framework, Units, seed: 2024)));
        var before = Results(ScoringEngine.Score(framework, ProvinceCohort.Generate(framework, Units, seed: 2023))).ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
        var period = new PeriodSummary(2, framework.Code, 2024, "Đánh giá DTI cấp tỉnh năm 2024", Data.Periods.PeriodStatus.Open, new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 31), Units);
        var previous = period with { Id = 1, Year = 2023, Name = "Đánh giá DTI cấp tỉnh năm 2023" };
        _overview = new PeriodOverview(
            period,
            framework.Name,
            framework.TotalPoints,
            framework.MainIndices.Select(m => new MainIndexColumn(m.Code.Value, m.Name, m.MaxPoints, m.ContainsProvisional)).ToArray(),
            now.Select(u => new RankingRow(u, before.TryGetValue(u.UnitCode, out var last) ? YearChange.Between(u, last) : null)).ToArray(),
            previous,
            [],
            [],
            new DateOnly(2024, 12, 6));
        _table = TableService.Ranking(_overview, Language.Vietnamese, new DateOnly(2024, 12, 6));
    }

    [Benchmark]
    public Table BuildTable() => TableService.Ranking(_overview, Language.Vietnamese, new DateOnly(2024, 12, 6));

    [Benchmark]
    public int WriteXlsx() => TableXlsxWriter.ToBytes(_table).Length;

    [Benchmark]
    public int WriteCsv() => TableCsvWriter.ToBytes(_table).Length;

    private static UnitResult[] Results(CohortScores scores) =>
        scores.Units.Select(u => new UnitResult(
                u.UnitCode,
                "Đơn vị " + u.UnitCode,
                u.Total,
                u.Rank,
                u.Submitted,
                u.Complete,
                u.AnsweredInputs,
                u.TotalInputs,
                scores.Framework.MainIndices.Select(m => new MainIndexResult(m.Code.Value, m.Name, u[m].Points, m.MaxPoints, u.MainIndexRank(m))).ToArray()))
            .ToArray();
}
