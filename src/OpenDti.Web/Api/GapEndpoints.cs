using System.Text.Json.Serialization;
using OpenDti.Application.Improvement;
using OpenDti.Exchange.Improvement;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// Gap analysis (docs/improvement.md): a unit's and a period's points lost, the causes, their Excel files, and
/// the drafted improvement plan as .docx. The rules are <see cref="GapService"/>'s and
/// <see cref="ImprovementPlanService"/>'s; this maps requests and answers.
/// </summary>
internal static class GapEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Improvement");

        group.MapGet("/units/{unitCode}/gaps", async (int id, string unitCode, CurrentActor current, GapService gaps, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await gaps.UnitAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken), http, Dto)))
            .WithSummary("Phân tích điểm chưa đạt của đơn vị: từng chỉ tiêu, điểm mất, kết quả so với mức đạt điểm tối đa, nguyên nhân, đơn vị chủ trì, điểm năm trước / A unit's gap analysis");

        group.MapGet("/units/{unitCode}/gaps.xlsx", async (int id, string unitCode, CurrentActor current, ImprovementPlanService files, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    TableFiles.From(await files.UnitTableAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken), TableFormat.Xlsx, http)))
            .WithSummary("Phân tích điểm chưa đạt của đơn vị, dạng Excel / A unit's gap analysis as Excel")
            .Produces(StatusCodes.Status200OK, contentType: Exchange.Tables.TableXlsxWriter.ContentType);

        group.MapGet("/gaps", async (int id, CurrentActor current, GapService gaps, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await gaps.PeriodAsync(actor, id, cancellationToken), http, Dto)))
            .WithSummary("Các chỉ tiêu các đơn vị mất nhiều điểm nhất trong kỳ (tổng điểm mất, số đơn vị, bình quân) / The indicators where the period's units lose most");

        group.MapGet("/gaps.xlsx", async (int id, CurrentActor current, ImprovementPlanService files, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    TableFiles.From(await files.PeriodTableAsync(actor, id, ApiResults.LanguageOf(http), cancellationToken), TableFormat.Xlsx, http)))
            .WithSummary("Các chỉ tiêu mất nhiều điểm nhất trong kỳ, dạng Excel / The period's gap analysis as Excel")
            .Produces(StatusCodes.Status200OK, contentType: Exchange.Tables.TableXlsxWriter.ContentType);

        group.MapPut("/units/{unitCode}/gaps/{indicator}/cause", async (int id, string unitCode, string indicator, GapCauseDto body, CurrentActor current, GapService gaps, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await gaps.SaveCauseAsync(actor, id, unitCode, indicator, body.Text, body.Version, cancellationToken), http, Dto)))
            .WithSummary("Ghi nguyên nhân điểm chưa đạt của một chỉ tiêu (version: phiên bản đã đọc, 0 khi chưa có; text rỗng: xóa) / Write why a unit lost points on an indicator (version read, 0 when none; empty text clears it)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/improvement-plan.docx", async (int id, string? unit, CurrentActor current, ImprovementPlanService files, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await files.DocumentAsync(actor, id, unit, ApiResults.LanguageOf(http), cancellationToken);
                    return outcome.Succeeded
                        ? Results.File(outcome.Value!.Content, ImprovementPlanDocx.ContentType, outcome.Value.FileName)
                        : ApiResults.From(outcome, http, _ => new object());
                }))
            .WithSummary("Dự thảo Kế hoạch nâng cao Chỉ số chuyển đổi số (DTI) năm N, dạng Word (unit=: đơn vị của kế hoạch) / The drafted DTI improvement plan as Word (unit=: the plan's member)")
            .Produces(StatusCodes.Status200OK, contentType: ImprovementPlanDocx.ContentType);
    }

    private static UnitGapsDto Dto(UnitGaps gaps) => new(
        PeriodEndpoints.Dto(gaps.Period),
        gaps.UnitCode,
        gaps.UnitName,
        gaps.Total,
        gaps.MaxTotal,
        gaps.Rank,
        gaps.PointsLost,
        gaps.CanWriteCauses,
        gaps.Items.Select(i => new GapItemDto(
                i.Indicator,
                i.Name,
                i.MainIndex,
                i.Points,
                i.MaxPoints,
                i.PointsLost,
                i.Measure is { } m ? new GapMeasureDto(m.Achieved, m.AchievedText, m.FullPoints, m.FullPointsText) : null,
                i.Cause?.Text,
                i.Cause?.Version ?? 0,
                i.Owner is { } owner ? new GapOwnerDto(owner.Code, owner.Name) : null,
                i.LastYear,
                i.Flags,
                TrendEndpoints.Dto(i.LastYearOrigin)))
            .ToArray(),
        TrendEndpoints.Dto(gaps.LastYearMerged));

    private static PeriodGapsDto Dto(PeriodGaps gaps) => new(
        PeriodEndpoints.Dto(gaps.Period),
        gaps.Units,
        gaps.Items.Select(i => new PeriodGapItemDto(i.Indicator, i.Name, i.MainIndex, i.MaxPoints, i.PointsLost, i.UnitsLosing, i.AveragePointsLost, i.AveragePoints)).ToArray());

    private static GapCauseDto Dto(GapCauseSaved saved) => new(saved.Text, saved.Version) { Indicator = saved.Indicator, UpdatedAt = saved.UpdatedAt, UpdatedBy = saved.UpdatedBy };
}

/// <summary>A unit's gap analysis.</summary>
/// <remarks><c>lastYearMergedFrom</c>: set when the unit did not exist last year and last year's points are those of the units it absorbed ("gộp từ …").</remarks>
public sealed record UnitGapsDto(
    PeriodDto Period, string Unit, string UnitName, decimal Total, decimal MaxTotal, int Rank, decimal PointsLost, bool CanWriteCauses, IReadOnlyList<GapItemDto> Items,
    MergedFromDto? LastYearMergedFrom = null);

/// <summary>An indicator of a unit's gap analysis.</summary>
/// <remarks><c>lastYearFrom</c>: set when last year's points are another node's of last year's framework, through the confirmed crosswalk.</remarks>
public sealed record GapItemDto(
    string Indicator,
    string Name,
    string MainIndex,
    decimal Points,
    decimal MaxPoints,
    decimal PointsLost,
    GapMeasureDto? Measure,
    string? Cause,
    int CauseVersion,
    GapOwnerDto? Owner,
    decimal? LastYear,
    IReadOnlyList<string> Flags,
    NodeOriginDto? LastYearFrom = null);

/// <summary>The measure achieved against the measure giving full points.</summary>
public sealed record GapMeasureDto(decimal? Achieved, string? AchievedText, decimal? FullPoints, string? FullPointsText);

/// <summary>The lead unit of the most specific plan row over an indicator.</summary>
public sealed record GapOwnerDto(string Code, string Name);

/// <summary>A period's gap analysis.</summary>
public sealed record PeriodGapsDto(PeriodDto Period, int Units, IReadOnlyList<PeriodGapItemDto> Items);

/// <summary>An indicator of a period's gap analysis.</summary>
public sealed record PeriodGapItemDto(string Indicator, string Name, string MainIndex, decimal MaxPoints, decimal PointsLost, int UnitsLosing, decimal AveragePointsLost, decimal AveragePoints);

/// <summary>A cause to write (<c>text</c> empty or null clears it; <c>version</c>: the version read, 0 when there is none), and as written.</summary>
public sealed record GapCauseDto(string? Text, [property: JsonRequired] int Version)
{
    /// <summary>In an answer: the indicator.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Indicator { get; init; }

    /// <summary>In an answer: when it was written (UTC).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? UpdatedAt { get; init; }

    /// <summary>In an answer: who wrote it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UpdatedBy { get; init; }
}
