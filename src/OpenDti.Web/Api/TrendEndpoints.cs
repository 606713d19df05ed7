using OpenDti.Application.Improvement.Trends;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Trends over the years and sensitivity to the cohort (issue 15 points 4 and 5, docs/improvement.md).</summary>
internal static class TrendEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api;

        group.MapGet("/periods/{id:int}/units/{unitCode}/sensitivity", async (int id, string unitCode, CurrentActor current, TrendService trends, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await trends.SensitivityAsync(actor, id, unitCode, cancellationToken), http, s => new SensitivityDto(
                        PeriodEndpoints.Dto(s.Period),
                        s.UnitCode,
                        s.UnitName,
                        s.Indicators.Select(i => new IndicatorSensitivityDto(
                            i.Indicator, i.Name, i.Rule, i.Figure, i.Measure, i.CurrentFigure, i.Source, i.Points, i.MaxPoints, i.IsPercent,
                            i.Series.Select(p => new SensitivityStepDto(p.Figure, p.Points, p.Current)).ToArray())).ToArray()))))
            .WithTags("Improvement")
            .WithSummary("Độ nhạy: điểm của đơn vị ở mỗi chỉ số min-max, so với đơn vị tốt nhất khi giá trị tốt nhất (thấp nhất, cao nhất) của nhóm thay đổi / Sensitivity: the unit's points on each min-max and relative-to-best indicator as the cohort's best (min, max) moves");

        group.MapGet("/periods/{id:int}/trends", async (int id, CurrentActor current, TrendService trends, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await trends.PeriodAsync(actor, id, cancellationToken), http, t => new PeriodTrendsDto(PeriodEndpoints.Dto(t.Period), Dto(t.Trends)))))
            .WithTags("Improvement")
            .WithSummary("Xu hướng qua các năm của mọi đơn vị trong kỳ (cùng cấp bộ chỉ số) / Every unit of the period over the years of its framework level");

        group.MapGet("/units/{unitCode}/trends", async (string unitCode, CurrentActor current, TrendService trends, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await trends.UnitAsync(actor, unitCode, cancellationToken), http, t => new UnitTrendsDto(t.UnitCode, t.UnitName, t.Levels.Select(Dto).ToArray()))))
            .WithTags("Improvement")
            .WithSummary("Xu hướng qua các năm của một đơn vị: tổng điểm, chỉ số chính, thứ hạng / A unit's total, main indices and rank over the years");
    }

    internal static LevelTrendsDto Dto(LevelTrends t) => new(
        PeriodEndpoints.Name(t.Level),
        t.Years.Select(y => new TrendYearDto(
            y.Year, y.PeriodId, y.PeriodName, y.FrameworkCode, y.TotalPoints, y.Published, y.UnitCount, y.FrameworkChanged,
            y.Changes.Select(c => new FrameworkChangeDto(c.What, c.Before, c.After)).ToArray(),
            y.MainIndices.Select(m => new TrendMainIndexDto(m.Code, m.Name, m.MaxPoints)).ToArray())).ToArray(),
        t.Units.Select(u => new UnitTrendDto(
            u.UnitCode, u.UnitName,
            u.Points.Select(p => new TrendPointDto(
                p.Year, p.Total, p.Rank, p.Submitted, p.MainIndices.Select(m => new TrendMainIndexPointDto(m.Code, m.Points, m.Rank)).ToArray(),
                Dto(p.Merged))).ToArray())).ToArray());

    /// <summary>Where a merged unit's figures of a year before its merger come from, as the API gives it.</summary>
    internal static MergedFromDto? Dto(MergedFrom? merged) => merged is null
        ? null
        : new MergedFromDto(PeriodEndpoints.Name(merged.Rule), merged.Units.Select(m => new MergedPartDto(m.Code, m.Name, m.Total, m.Weight)).ToArray());

    /// <summary>Which nodes of last year's framework a figure comes from, through the confirmed crosswalk, as the API gives it.</summary>
    internal static NodeOriginDto? Dto(Application.Frameworks.NodeOrigin? origin) => origin is null
        ? null
        : new NodeOriginDto(Core.Frameworks.Crosswalk.KindName(origin.Kind), origin.Sources);
}

/// <summary>A unit's sensitivity to its cohort in a period.</summary>
public sealed record SensitivityDto(PeriodDto Period, string Unit, string Name, IReadOnlyList<IndicatorSensitivityDto> Indicators);

/// <summary>One cohort-relative indicator: the figure that moves ("best", "min", "max") and the unit's points at each figure.</summary>
public sealed record IndicatorSensitivityDto(
    string Indicator, string Name, string Rule, string Figure, decimal? Measure, decimal? CurrentFigure, string? Source, decimal Points, decimal MaxPoints, bool IsPercent,
    IReadOnlyList<SensitivityStepDto> Series);

/// <summary>A point of a series: the cohort's figure (a ratio as a fraction) and the unit's points with it.</summary>
public sealed record SensitivityStepDto(decimal Figure, decimal Points, bool Current);

/// <summary>A period's cohort over the years.</summary>
public sealed record PeriodTrendsDto(PeriodDto Period, LevelTrendsDto Trends);

/// <summary>A unit's trends, one per framework level.</summary>
public sealed record UnitTrendsDto(string Unit, string Name, IReadOnlyList<LevelTrendsDto> Levels);

/// <summary>The years of one framework level and the units' lines.</summary>
public sealed record LevelTrendsDto(string Level, IReadOnlyList<TrendYearDto> Years, IReadOnlyList<UnitTrendDto> Units);

/// <summary>A year: the period read, its framework, and what changed in the framework since the year before.</summary>
public sealed record TrendYearDto(
    int Year, int PeriodId, string PeriodName, string FrameworkCode, decimal TotalPoints, bool Published, int UnitCount, bool FrameworkChanged,
    IReadOnlyList<FrameworkChangeDto> Changes, IReadOnlyList<TrendMainIndexDto> MainIndices);

/// <summary>A change of the framework: "framework" (code), "total", or a main index's code, with before and after.</summary>
public sealed record FrameworkChangeDto(string What, string? Before, string? After);

/// <summary>A main index of a year's framework.</summary>
public sealed record TrendMainIndexDto(string Code, string Name, decimal MaxPoints);

/// <summary>A unit's line.</summary>
public sealed record UnitTrendDto(string Unit, string Name, IReadOnlyList<TrendPointDto> Points);

/// <summary>A unit's figures in a year.</summary>
/// <remarks><c>mergedFrom</c>: set when the unit did not exist that year and the figures are those of the units it absorbed ("gộp từ …").</remarks>
public sealed record TrendPointDto(int Year, decimal Total, int Rank, bool Submitted, IReadOnlyList<TrendMainIndexPointDto> MainIndices, MergedFromDto? MergedFrom = null);

/// <summary>Where a merged unit's figures of a year before its merger come from: the rule (<c>mean</c>, <c>population</c>) and the absorbed units.</summary>
public sealed record MergedFromDto(string Rule, IReadOnlyList<MergedPartDto> Units);

/// <summary>An absorbed unit: its code, name, total that year and weight (1, or its population).</summary>
public sealed record MergedPartDto(string Code, string Name, decimal Total, decimal Weight);

/// <summary>A unit's points and rank on a main index in a year.</summary>
public sealed record TrendMainIndexPointDto(string Code, decimal Points, int Rank);

/// <summary>
/// Where a figure of last year comes from when it is not the node's own: the kind of continuation in the confirmed
/// crosswalk (<c>renamed</c>, <c>merged</c>: the sum, <c>split</c>: the whole's share, <c>same</c>) and last year's nodes.
/// </summary>
public sealed record NodeOriginDto(string Kind, IReadOnlyList<string> Sources);
