using System.Text.Json.Serialization;
using OpenDti.Application.Review;
using OpenDti.Application.Tables;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// What the review changed: evaluators' adjustments of values (a resource per unit, addressed by
/// indicator and input), self-assessed against reviewed points, and values changed since approval.
/// </summary>
internal static class ReviewDataEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Review: adjustments and comparison");

        group.MapGet("/units/{unitCode}/adjustments", async (int id, string unitCode, CurrentActor current, AdjustmentService adjustments, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await adjustments.ListAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken), http, items => items.Select(Dto).ToArray())))
            .WithSummary("Các giá trị đã điều chỉnh khi thẩm định, bên cạnh giá trị đơn vị kê khai / A unit's adjusted values beside the reported ones");

        group.MapPut("/units/{unitCode}/adjustments", async (int id, string unitCode, AdjustmentRequest body, CurrentActor current, AdjustmentService adjustments, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var adjusted = await adjustments.AdjustAsync(
                        actor, id, unitCode, body.Indicator ?? string.Empty, body.Input ?? string.Empty, body.Value, body.Reason, body.Version,
                        language: ApiResults.LanguageOf(http), cancellationToken: cancellationToken);
                    return ApiResults.From(adjusted, http, Dto);
                }))
            .WithSummary("Điều chỉnh một giá trị (cần lý do và phiên bản đã đọc; 0 khi chưa điều chỉnh) / Adjust one value (reason and the version read required; 0 when new)");

        group.MapDelete("/units/{unitCode}/adjustments", async (int id, string unitCode, string? indicator, string? input, int? version, string? reason, CurrentActor current, AdjustmentService adjustments, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var removed = await adjustments.RemoveAsync(
                        actor, id, unitCode, indicator ?? string.Empty, input ?? string.Empty, reason, version, ApiResults.LanguageOf(http), cancellationToken);
                    return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed, http, Dto);
                }))
            .WithSummary("Hủy điều chỉnh: giá trị đơn vị kê khai được tính lại / Withdraw an adjustment: the reported value counts again")
            .Produces(StatusCodes.Status204NoContent);

        group.MapGet("/comparison", async (int id, string? format, CurrentActor current, ReviewComparisonService comparison, TableService tables, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => await TableFiles.RespondAsync(
                    format,
                    http,
                    async () => ApiResults.From(await comparison.ComparisonAsync(actor, id, cancellationToken), http, c => new ComparisonDto(
                        PeriodEndpoints.Dto(c.Period),
                        c.TotalPoints,
                        c.Indicators.Select(i => new ComparedIndicatorDto(i.Code, i.Name, i.MaxPoints)).ToArray(),
                        c.Units.Select(u => new UnitComparisonDto(
                            u.UnitCode, u.UnitName, u.SelfAssessed, u.Reviewed, u.Difference, u.SelfAssessedRank, u.ReviewedRank,
                            u.Indicators.Select(i => new IndicatorComparisonDto(i.Code, i.SelfAssessed, i.Reviewed, i.Difference)).ToArray())).ToArray(),
                        c.OverClaims.Select(o => new OverClaimDto(o.Code, o.Name, o.MaxPoints, o.TotalDifference, o.AverageDifference, o.UnitsOverClaiming)).ToArray())),
                    () => tables.ComparisonAsync(actor, id, ApiResults.LanguageOf(http), cancellationToken))))
            .WithSummary("Điểm tự đánh giá và điểm thẩm định, các chỉ số đơn vị tự chấm cao nhất; ?format=xlsx|csv: bảng theo đơn vị / Self-assessed against reviewed points, and the indicators most over-claimed; ?format=xlsx|csv: the units' table as a file");

        group.MapGet("/units/{unitCode}/changes-since-approval", async (int id, string unitCode, CurrentActor current, ReviewComparisonService comparison, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await comparison.ChangesSinceApprovalAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken), http, c => new ChangesSinceApprovalDto(
                        c.UnitCode,
                        c.ApprovedAt,
                        c.Inputs.Select(i => new ChangedInputDto(i.Indicator, i.Input, i.Label, i.AtApproval, i.Now, i.ChangedBy, i.ChangedAt, i.Changes)).ToArray()))))
            .WithSummary("Số liệu thay đổi sau khi lãnh đạo phê duyệt / Values changed since the leader approved");
    }

    private static AdjustmentDto Dto(AdjustmentItem a) =>
        new(a.Indicator, a.Input, a.Label, a.Reported, a.Adjusted, a.Value, a.Reason, a.At, a.UserName, a.Version);
}

/// <summary>
/// An adjustment to make. <c>value</c> is text ("1234.5", "35%", "có", an option key), a number or true/false;
/// <c>version</c> is the adjustment's version the client read, 0 (or absent) when there was none.
/// </summary>
public sealed record AdjustmentRequest(string? Indicator, string? Input, [property: JsonConverter(typeof(ValueTextConverter))] string? Value, string? Reason, int? Version);

/// <summary>An adjusted value beside the reported one; <c>reported</c> and <c>adjusted</c> are written for people, <c>value</c> is exchange text.</summary>
public sealed record AdjustmentDto(
    string Indicator, string Input, string Label, string? Reported, string Adjusted, string Value, string Reason, DateTime At, string UserName, int Version);

/// <summary>Self-assessed against reviewed points in a period.</summary>
public sealed record ComparisonDto(
    PeriodDto Period, decimal TotalPoints, IReadOnlyList<ComparedIndicatorDto> Indicators, IReadOnlyList<UnitComparisonDto> Units, IReadOnlyList<OverClaimDto> OverClaims);

/// <summary>An indicator compared.</summary>
public sealed record ComparedIndicatorDto(string Code, string Name, decimal MaxPoints);

/// <summary>A unit's self-assessed and reviewed points; <c>difference</c> is self-assessed − reviewed.</summary>
public sealed record UnitComparisonDto(
    string UnitCode, string UnitName, decimal SelfAssessed, decimal Reviewed, decimal Difference, int SelfAssessedRank, int ReviewedRank,
    IReadOnlyList<IndicatorComparisonDto> Indicators);

/// <summary>One indicator of one unit.</summary>
public sealed record IndicatorComparisonDto(string Code, decimal SelfAssessed, decimal Reviewed, decimal Difference);

/// <summary>An indicator units over-claimed.</summary>
public sealed record OverClaimDto(string Code, string Name, decimal MaxPoints, decimal TotalDifference, decimal AverageDifference, int UnitsOverClaiming);

/// <summary>A unit's values changed since approval.</summary>
public sealed record ChangesSinceApprovalDto(string UnitCode, DateTime? ApprovedAt, IReadOnlyList<ChangedInputDto> Inputs);

/// <summary>An input changed since approval: the value then and now, written for people.</summary>
public sealed record ChangedInputDto(string Indicator, string Input, string Label, string? AtApproval, string? Now, string ChangedBy, DateTime ChangedAt, int Changes);
