using Microsoft.AspNetCore.OutputCaching;
using OpenDti.Application.Integration;
using OpenDti.Web.Security;
using OpenDti.Web.Startup;

namespace OpenDti.Web.Api;

/// <summary>
/// The public results, without a token: the periods an evaluator made public and, for each, its latest
/// publication's ranking and scorecards, frozen. Rate-limited per client address and cached briefly
/// (<see cref="PublicAccessSetup"/>). And the switch that makes a published period public, for evaluators.
/// </summary>
internal static class PublicEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public/periods").WithTags("Public results")
            .AllowAnonymous()
            .RequireRateLimiting(PublicAccessSetup.Policy)
            .CacheOutput(PublicAccessSetup.Policy);

        open.MapGet("/", async (PublicResultService results, CancellationToken cancellationToken) =>
                Results.Ok((await results.ListAsync(cancellationToken)).Select(Dto).ToArray()))
            .WithSummary("Các kỳ đánh giá có kết quả công khai, không cần đăng nhập / The periods whose results are public, no sign-in")
            .Produces<PublicPeriodDto[]>();

        open.MapGet("/{id:int}/results", async (int id, PublicResultService results, HttpContext http, CancellationToken cancellationToken) =>
                ApiResults.From(await results.ResultsAsync(id, cancellationToken), http, r => new PublicResultsDto(
                    Dto(r.Period),
                    r.MainIndices.Select(m => new PublicMainIndexDto(m.Code, m.Name, m.MaxPoints)).ToArray(),
                    r.Units.Select(u => new PublicUnitResultDto(
                        u.UnitCode, u.UnitName, u.Total, u.Rank, u.NotSubmitted,
                        u.MainIndices.Select(m => new MainIndexDto(m.Code, m.Name, m.Points, m.MaxPoints, m.Rank)).ToArray())).ToArray())))
            .WithSummary("Kết quả và xếp hạng đã công bố của kỳ đánh giá công khai, không cần đăng nhập / A public period's published results and ranking, no sign-in")
            .Produces<PublicResultsDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        open.MapGet("/{id:int}/units/{unitCode}/scorecard", async (int id, string unitCode, PublicResultService results, HttpContext http, CancellationToken cancellationToken) =>
                ApiResults.From(await results.ScorecardAsync(id, unitCode, ApiResults.LanguageOf(http), cancellationToken), http, p => new PublicScorecardDto(
                    Dto(p.Period),
                    p.Scorecard.UnitCode,
                    p.Scorecard.UnitName,
                    p.Scorecard.Total,
                    p.Scorecard.Rank,
                    p.Scorecard.NotSubmitted,
                    p.Scorecard.Nodes.Select(n => new ScorecardNodeDto(n.Code, n.Name, n.Kind.ToString(), n.Depth, n.Points, n.MaxPoints, n.Fraction, n.Measure, n.Flags, n.Explanation)).ToArray(),
                    p.Scorecard.Inputs.Where(i => i.Value is not null).Select(i => new PublicValueDto(i.Indicator, i.Input, i.Label, i.Unit, i.Value!)).ToArray())))
            .WithSummary("Phiếu điểm đã công bố của đơn vị (không có minh chứng, không có ý kiến thẩm định), không cần đăng nhập / A unit's published scorecard (no evidence, nothing of the review), no sign-in")
            .Produces<PublicScorecardDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/periods/{id:int}/public", async (int id, PublicRequest body, CurrentActor current, PublicResultService results, IOutputCacheStore cache, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await results.SetPublicAsync(actor, id, body.Public, cancellationToken);
                    if (outcome.Succeeded)
                    {
                        await cache.EvictByTagAsync(PublicAccessSetup.Tag, cancellationToken);
                    }

                    return ApiResults.From(outcome, http, s => new PublicSettingDto(s.PeriodId, s.IsPublic));
                }))
            .WithTags("Publication")
            .WithSummary("Công khai (hoặc thôi công khai) kết quả đã công bố của kỳ đánh giá trên trang /cong-khai (thẩm định, quản trị) / Put a period's published results on the public page, or take them off (evaluators, administrators)")
            .Produces<PublicSettingDto>()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static PublicPeriodDto Dto(PublicPeriod p) => new(p.Id, p.Name, p.Year, p.FrameworkName, p.TotalPoints, p.PublicationNumber, p.PublishedAt, p.UnitCount);
}

/// <summary>Whether to make a period's published results public.</summary>
/// <param name="Public">true: on the public page and API; false: off.</param>
public sealed record PublicRequest(bool Public);

/// <summary>Whether a period's published results are public.</summary>
public sealed record PublicSettingDto(int PeriodId, bool Public);

/// <summary>A public period: the publication shown is the latest (a correction replaces the first).</summary>
public sealed record PublicPeriodDto(int Id, string Name, int Year, string FrameworkName, decimal TotalPoints, int PublicationNumber, DateTime PublishedAt, int UnitCount);

/// <summary>A main index of a public period.</summary>
public sealed record PublicMainIndexDto(string Code, string Name, decimal MaxPoints);

/// <summary>A unit's published result; <c>notSubmitted</c>: published as "không gửi hồ sơ".</summary>
public sealed record PublicUnitResultDto(string UnitCode, string UnitName, decimal Total, int Rank, bool NotSubmitted, IReadOnlyList<MainIndexDto> MainIndices);

/// <summary>A public period's published results.</summary>
public sealed record PublicResultsDto(PublicPeriodDto Period, IReadOnlyList<PublicMainIndexDto> MainIndices, IReadOnlyList<PublicUnitResultDto> Units);

/// <summary>A figure a unit reported, as published.</summary>
public sealed record PublicValueDto(string Indicator, string Input, string Label, string? Unit, string Value);

/// <summary>A unit's published scorecard: points and explanations of every node, and the figures reported; no evidence, nothing of the review.</summary>
public sealed record PublicScorecardDto(
    PublicPeriodDto Period, string UnitCode, string UnitName, decimal Total, int Rank, bool NotSubmitted, IReadOnlyList<ScorecardNodeDto> Nodes, IReadOnlyList<PublicValueDto> Values);
