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
                    ApiResults.From(
                        await periods.CreateAsync(actor, body.FrameworkCode, body.Year, body.Name, body.OpensOn, body.ClosesOn, body.AppealDays ?? Period.DefaultAppealDays, body.UnitCodes, cancellationToken),
                        http,
                        Dto)))
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
    }

    internal static PeriodDto Dto(PeriodSummary p) =>
        new(p.Id, p.FrameworkCode, p.Year, p.Name, p.Status.ToString().ToLowerInvariant(), p.OpensOn, p.ClosesOn, p.UnitCount, p.AppealDays);
}

/// <summary>A period; <c>appealDays</c> is how many days after a publication units may appeal (phúc khảo).</summary>
public sealed record PeriodDto(int Id, string FrameworkCode, int Year, string Name, string Status, DateOnly OpensOn, DateOnly ClosesOn, int UnitCount, int AppealDays);

/// <summary>A new period; without unit codes, every active unit of the framework's level; without appeal days, 15.</summary>
public sealed record CreatePeriodRequest(string FrameworkCode, int Year, string Name, DateOnly OpensOn, DateOnly ClosesOn, IReadOnlyList<string>? UnitCodes, int? AppealDays = null);

/// <summary>A period's appeal window.</summary>
/// <param name="Days">Days after a publication, 1 to 90.</param>
public sealed record AppealDaysRequest(int Days);

/// <summary>A status change.</summary>
public sealed record PeriodStatusRequest(string Status);
