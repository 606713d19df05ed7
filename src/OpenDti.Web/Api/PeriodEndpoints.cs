using OpenDti.Application.Periods;
using OpenDti.Data.Periods;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Evaluation periods.</summary>
internal static class PeriodEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods").WithTags("Periods");

        group.MapGet("/", async (PeriodService periods, CancellationToken cancellationToken) =>
                Results.Ok((await periods.ListAsync(cancellationToken)).Select(Dto)))
            .WithSummary("Các kỳ đánh giá / Periods");

        group.MapGet("/{id:int}", async (int id, PeriodService periods, HttpContext http, CancellationToken cancellationToken) =>
                ApiResults.From(await periods.GetAsync(id, cancellationToken), http, Dto))
            .WithSummary("Một kỳ đánh giá / A period");

        group.MapPost("/", async (CreatePeriodRequest body, CurrentActor current, PeriodService periods, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    if (!TryRule<UnfinishedRanking>(body.UnfinishedRanking, out var ranking) || !TryRule<UnfinishedPoints>(body.UnfinishedPoints, out var points))
                    {
                        return ApiResults.Problem(StatusCodes.Status400BadRequest, "UnknownUnfinishedRule", http);
                    }

                    return ApiResults.From(
                        await periods.CreateAsync(
                            actor,
                            body.FrameworkCode,
                            body.Year,
                            body.Name,
                            body.OpensOn,
                            body.ClosesOn,
                            body.AppealDays ?? Period.DefaultAppealDays,
                            ranking ?? UnfinishedRanking.AfterFinalised,
                            points ?? UnfinishedPoints.Zero,
                            body.UnitCodes,
                            cancellationToken),
                        http,
                        Dto);
                }))
            .WithSummary("Tạo kỳ đánh giá (thẩm định, quản trị) / Create a period (evaluators, administrators)");

        group.MapPut("/{id:int}/status", async (int id, PeriodStatusRequest body, CurrentActor current, PeriodService periods, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    Enum.TryParse<PeriodStatus>(body.Status, ignoreCase: true, out var status)
                        ? ApiResults.From(await periods.SetStatusAsync(actor, id, status, cancellationToken), http, Dto)
                        : ApiResults.Problem(StatusCodes.Status400BadRequest, "UnknownStatus", http)))
            .WithSummary("Đổi trạng thái kỳ đánh giá: draft ↔ open ↔ closed; công bố qua POST /publish / Change a period's status: draft ↔ open ↔ closed; publish through POST /publish");

        group.MapPut("/{id:int}/appeal-days", async (int id, AppealDaysRequest body, CurrentActor current, PeriodService periods, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await periods.SetAppealDaysAsync(actor, id, body.Days, cancellationToken), http, Dto)))
            .WithSummary("Đặt thời hạn phúc khảo (số ngày sau công bố, 1–90) / Set the appeal window (days after publication, 1–90)");

        group.MapPut("/{id:int}/unfinished-units", async (int id, UnfinishedRuleRequest body, CurrentActor current, PeriodService periods, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    TryRule<UnfinishedRanking>(body.Ranking, out var ranking) && TryRule<UnfinishedPoints>(body.Points, out var points)
                        ? ApiResults.From(await periods.SetUnfinishedRuleAsync(actor, id, ranking, points, cancellationToken), http, Dto)
                        : ApiResults.Problem(StatusCodes.Status400BadRequest, "UnknownUnfinishedRule", http)))
            .WithSummary("Quy định cho đơn vị không hoàn thành thẩm định khi công bố (công bố là “không gửi hồ sơ”): xếp hạng afterFinalised | withOthers, điểm zero | asReported / The rule for units whose review is not completed at publication (published as “did not submit”): ranking afterFinalised | withOthers, points zero | asReported");

        group.MapPut("/{id:int}/merger-rule", async (int id, MergerRuleRequest body, CurrentActor current, PeriodService periods, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    TryRule<MergerRule>(body.Rule, out var rule) && rule is { } chosen
                        ? ApiResults.From(await periods.SetMergerRuleAsync(actor, id, chosen, cancellationToken), http, Dto)
                        : ApiResults.Problem(StatusCodes.Status400BadRequest, "UnknownMergerRule", http)))
            .WithSummary("Cách tính kết quả các năm trước sáp nhập của đơn vị sau sáp nhập: mean (trung bình cộng các chỉ số chính, như DTI 2024) | population (bình quân theo dân số) / How a merged unit's results before its merger are read: mean (the mean of the main indices, as DTI 2024) | population (weighted by population)");

        group.MapPut("/{id:int}/contributors-deadline", async (int id, ContributorsDeadlineRequest body, CurrentActor current, PeriodService periods, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await periods.SetContributorsDeadlineAsync(actor, id, body.ContributorsCloseOn, cancellationToken), http, Dto)))
            .WithSummary("Đặt hạn các đơn vị chủ trì, phối hợp gửi số liệu (từ ngày mở đến hạn tổng hợp; null: bỏ) / Set the contributors' deadline (from the opening day to the consolidation deadline; null: none)");

        group.MapGet("/{id:int}/cohort", async (int id, CurrentActor current, CohortService cohorts, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await cohorts.GetAsync(actor, id, cancellationToken), http, CohortDto)))
            .WithSummary("Các đơn vị của kỳ đánh giá, kèm số số liệu và tài liệu kiểm chứng đã kê khai (thẩm định, quản trị) / A period's units with how many values and evidence files each reported (evaluators, administrators)");

        group.MapPut("/{id:int}/cohort", async (int id, CohortRequest body, CurrentActor current, CohortService cohorts, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(
                        await cohorts.SetAsync(actor, id, body.Units, body.Confirm ?? false, cancellationToken),
                        http,
                        c => new CohortChangeDto(Dto(c.Period), c.Added, c.Removed.Select(MemberDto).ToArray()))))
            .WithSummary("Đặt danh sách đơn vị của kỳ chưa công bố: thêm đơn vị mới, bỏ đơn vị không có tên (bỏ đơn vị đã kê khai cần \"confirm\": true; số liệu được giữ) / Set the units of a period not yet published: units not in it are added, members not named removed (removing a unit that reported needs \"confirm\": true; its values are kept)");
    }

    internal static CohortDto CohortDto(CohortView view) => new(Dto(view.Period), view.Locked, view.Members.Select(MemberDto).ToArray());

    internal static CohortMemberDto MemberDto(CohortMember m) => new(m.Code, m.Name, m.Values, m.Evidence);

    internal static PeriodDto Dto(PeriodSummary p) =>
        new(p.Id, p.FrameworkCode, p.Year, p.Name, p.Status.ToString().ToLowerInvariant(), p.OpensOn, p.ClosesOn, p.UnitCount, p.AppealDays, Name(p.UnfinishedRanking), Name(p.UnfinishedPoints), p.ContributorsCloseOn, Name(p.MergerRule));

    /// <summary>A rule's value as the API writes it: "afterFinalised", "asReported".</summary>
    internal static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// Reads a rule's value by its name (any case); true with null when <paramref name="text"/> is absent, false
    /// when it names no value (numbers are not read: "1" is not a name).
    /// </summary>
    internal static bool TryRule<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A period; <c>appealDays</c> is how many days after a publication units may appeal (phúc khảo);
/// <c>unfinishedRanking</c> (<c>afterFinalised</c>, <c>withOthers</c>) and <c>unfinishedPoints</c> (<c>zero</c>,
/// <c>asReported</c>) are its rule for units whose review is not completed when results are published;
/// <c>contributorsCloseOn</c> is the last day a plan's lead and coordinating units send their figures (null: none);
/// <c>mergerRule</c> (<c>mean</c>, <c>population</c>) is how a merged unit's results before its merger are read.
/// </summary>
public sealed record PeriodDto(
    int Id, string FrameworkCode, int Year, string Name, string Status, DateOnly OpensOn, DateOnly ClosesOn, int UnitCount, int AppealDays, string UnfinishedRanking, string UnfinishedPoints,
    DateOnly? ContributorsCloseOn = null, string MergerRule = "mean");

/// <summary>How a merged unit's results before its merger are read: <c>mean</c> or <c>population</c>.</summary>
public sealed record MergerRuleRequest(string? Rule);

/// <summary>A period's contributors' deadline.</summary>
/// <param name="ContributorsCloseOn">The day (yyyy-MM-dd), or null for none.</param>
public sealed record ContributorsDeadlineRequest(DateOnly? ContributorsCloseOn);

/// <summary>
/// A new period; without unit codes, every active unit of the framework's level; without appeal days, 15;
/// without a rule for units whose review is not completed, <c>afterFinalised</c> and <c>zero</c>.
/// </summary>
public sealed record CreatePeriodRequest(
    string FrameworkCode, int Year, string Name, DateOnly OpensOn, DateOnly ClosesOn, IReadOnlyList<string>? UnitCodes, int? AppealDays = null,
    string? UnfinishedRanking = null, string? UnfinishedPoints = null);

/// <summary>A period's rule for units whose review is not completed when results are published; an absent field keeps its value.</summary>
/// <param name="Ranking"><c>afterFinalised</c> (after every unit whose review was completed) or <c>withOthers</c> (by points with everyone).</param>
/// <param name="Points"><c>zero</c> or <c>asReported</c>.</param>
public sealed record UnfinishedRuleRequest(string? Ranking, string? Points);

/// <summary>A period's appeal window.</summary>
/// <param name="Days">Days after a publication, 1 to 90.</param>
public sealed record AppealDaysRequest(int Days);

/// <summary>A status change.</summary>
public sealed record PeriodStatusRequest(string Status);

/// <summary>A period's new cohort.</summary>
/// <param name="Units">The codes of every unit the period is to have.</param>
/// <param name="Confirm">True to remove units that reported values or evidence (kept, out of the ranking); without it such a removal is a 409 naming them.</param>
public sealed record CohortRequest(IReadOnlyList<string?>? Units, bool? Confirm = null);

/// <summary>A unit of a period's cohort with how many values and evidence files it reported in the period.</summary>
public sealed record CohortMemberDto(string Code, string Name, int Values, int Evidence);

/// <summary>A period's cohort; <c>locked</c> once its results are published.</summary>
public sealed record CohortDto(PeriodDto Period, bool Locked, IReadOnlyList<CohortMemberDto> Units);

/// <summary>What a change of cohort did: the period after it, the codes added, the units removed with what they had reported.</summary>
public sealed record CohortChangeDto(PeriodDto Period, IReadOnlyList<string> Added, IReadOnlyList<CohortMemberDto> Removed);
