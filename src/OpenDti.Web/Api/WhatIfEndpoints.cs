using System.Text.Json.Serialization;
using OpenDti.Application.Improvement;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>What-if and the cheapest points first for a unit of a period (issue 15, docs/improvement.md): nothing is saved.</summary>
internal static class WhatIfEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}/units/{unitCode}").WithTags("Improvement");

        group.MapPost("/what-if", async (int id, string unitCode, WhatIfRequestDto body, CurrentActor current, WhatIfService whatIf, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var values = (body.Values ?? []).Select(v => v is null ? null : new WhatIfValue(v.Indicator, v.Input, v.Value)).ToArray();
                    var cohort = (body.Cohort ?? []).Select(c => c is null ? null : new WhatIfCohort(c.Indicator, c.Min, c.Max)).ToArray();
                    return ApiResults.From(await whatIf.RunAsync(actor, id, unitCode, values, cohort, cancellationToken), http, Dto);
                }))
            .WithSummary("Giả định: điểm của đơn vị nếu số liệu là …, không lưu / What-if: the unit's points with these values, nothing saved")
            .Produces<WhatIfDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/gains", async (int id, string unitCode, CurrentActor current, WhatIfService whatIf, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await whatIf.GainsAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken), http, gains => gains.Select(Dto).ToArray())))
            .WithSummary("Điểm dễ đạt nhất trước: thay đổi nhỏ nhất để tăng điểm từng chỉ số, đơn vị chủ trì / The cheapest points first: the smallest change that wins points per indicator, with its lead unit")
            .Produces<GainDto[]>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static WhatIfDto Dto(WhatIfReadModel r) => new(
        r.Total,
        r.Rank,
        r.TotalBefore,
        r.RankBefore,
        r.MainIndices.Select(m => new WhatIfMainIndexDto(m.Code, m.Name, m.MaxPoints, m.Before, m.After, m.RankBefore, m.RankAfter)).ToArray(),
        r.Indicators.Select(i => new WhatIfIndicatorDto(i.Code, i.Before, i.After)).ToArray(),
        r.CohortMoved);

    private static GainDto Dto(GainItem g) => new(
        g.Indicator,
        g.IndicatorName,
        g.Change,
        g.Values.Select(v => new WhatIfValueOutDto(v.Indicator, v.Input, v.Value)).ToArray(),
        g.PointsBefore,
        g.PointsAfter,
        g.MaxPoints,
        g.PointsGained,
        g.RankGained,
        g.Owner is { } owner ? new GainOwnerDto(owner.Code, owner.Name) : null);
}

/// <summary>A what-if: <c>values</c> assumed (text as the values API reads it, or null for "chưa kê khai"); <c>cohort</c>: for min-max and relative-to-best indicators, the cohort's lowest and highest measure assumed.</summary>
public sealed record WhatIfRequestDto(List<WhatIfValueDto?>? Values, List<WhatIfCohortDto?>? Cohort);

/// <summary>A value assumed.</summary>
public sealed record WhatIfValueDto(string? Indicator, string? Input, [property: JsonConverter(typeof(ValueTextConverter))] string? Value);

/// <summary>A cohort figure assumed: <c>min</c> and/or <c>max</c> (the best), as a number or text ("91,85%").</summary>
public sealed record WhatIfCohortDto(
    string? Indicator,
    [property: JsonConverter(typeof(ValueTextConverter))] string? Min,
    [property: JsonConverter(typeof(ValueTextConverter))] string? Max);

/// <summary>The unit's figures before and after.</summary>
public sealed record WhatIfDto(
    decimal Total,
    int Rank,
    decimal TotalBefore,
    int RankBefore,
    IReadOnlyList<WhatIfMainIndexDto> MainIndices,
    IReadOnlyList<WhatIfIndicatorDto> Indicators,
    bool CohortMoved);

/// <summary>A main index before and after.</summary>
public sealed record WhatIfMainIndexDto(string Code, string Name, decimal MaxPoints, decimal Before, decimal After, int RankBefore, int RankAfter);

/// <summary>A node's points before and after.</summary>
public sealed record WhatIfIndicatorDto(string Code, decimal Before, decimal After);

/// <summary>A value of a gain, to send to the what-if as it is.</summary>
public sealed record WhatIfValueOutDto(string Indicator, string Input, string Value);

/// <summary>The lead unit of the indicator in the plan.</summary>
public sealed record GainOwnerDto(string Code, string Name);

/// <summary>One gain: <c>values</c> sent to the what-if gain exactly <c>pointsGained</c> and <c>rankGained</c>.</summary>
public sealed record GainDto(
    string Indicator,
    string IndicatorName,
    string Change,
    IReadOnlyList<WhatIfValueOutDto> Values,
    decimal PointsBefore,
    decimal PointsAfter,
    decimal MaxPoints,
    decimal PointsGained,
    int RankGained,
    GainOwnerDto? Owner);
