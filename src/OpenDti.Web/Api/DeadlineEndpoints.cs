using OpenDti.Application.Review;
using OpenDti.Application.Tables;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>A period's deadlines (hạn nộp) and the signed-in person's to-do list (việc cần làm).</summary>
internal static class DeadlineEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/periods/{id:int}/deadlines", async (int id, string? format, CurrentActor current, DeadlineService deadlines, TableService tables, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => await TableFiles.RespondAsync(
                    format,
                    http,
                    async () => ApiResults.From(await deadlines.GetAsync(actor, id, cancellationToken), http, Dto),
                    () => tables.DeadlinesAsync(actor, id, ApiResults.LanguageOf(http), cancellationToken))))
            .WithTags("Periods")
            .WithSummary("Đơn vị chưa gửi hồ sơ, số ngày còn lại, chỉ số thiếu số liệu hoặc minh chứng; ?format=xlsx|csv: dưới dạng tệp / Units that have not submitted, days left, indicators missing a value or evidence; ?format=xlsx|csv: as a file");

        api.MapGet("/me/todo", async (CurrentActor current, ToDoService toDo, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => Results.Ok((await toDo.ListAsync(actor, cancellationToken)).Select(Dto).ToArray())))
            .WithTags("Me")
            .WithSummary("Việc cần làm của người đăng nhập / What waits for the signed-in user");
    }

    internal static DeadlinesDto Dto(PeriodDeadlines d) => new(
        d.Period.Id,
        d.Period.Name,
        d.Period.ClosesOn,
        d.Today,
        d.Indicators,
        d.Submitted,
        d.Units.Select(u => new UnitDeadlineDto(
                u.UnitCode,
                u.UnitName,
                ReviewEndpoints.Name(u.State),
                u.Deadline,
                u.DaysLeft,
                u.MissingValues.Select(m => new MissingIndicatorDto(m.Code, m.Name, m.MissingInputs, m.Inputs)).ToArray(),
                u.MissingEvidence.Select(m => new MissingIndicatorDto(m.Code, m.Name, null, null)).ToArray()))
            .ToArray(),
        d.Period.ContributorsCloseOn,
        d.LateAssignments.Select(a => ProgressEndpoints.AssignmentDto(a, d.Today)).ToArray());

    internal static ToDoDto Dto(ToDoItem i) =>
        new(ReviewEndpoints.Name(i.Kind), i.PeriodId, i.PeriodName, i.UnitCode, i.UnitName, ReviewEndpoints.Name(i.State), i.Since, i.Deadline, i.DaysLeft, i.CommentsWaiting, i.Path, i.Indicator);
}

/// <summary>A period's deadlines.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="PeriodName">Its name.</param>
/// <param name="ClosesOn">Its close date.</param>
/// <param name="Today">Today in Vietnam.</param>
/// <param name="Indicators">Indicators that ask for values.</param>
/// <param name="Submitted">Units (of those the caller may see) that have submitted.</param>
/// <param name="Units">Units that have not submitted (draft, returned), most urgent first.</param>
/// <param name="ContributorsCloseOn">The contributors' deadline (a plan's lead and coordinating units), when set.</param>
/// <param name="LateAssignments">The plan's assignments whose deadline passed with an assigned input still empty.</param>
public sealed record DeadlinesDto(
    int PeriodId, string PeriodName, DateOnly ClosesOn, DateOnly Today, int Indicators, int Submitted, IReadOnlyList<UnitDeadlineDto> Units,
    DateOnly? ContributorsCloseOn = null, IReadOnlyList<AssignmentDto>? LateAssignments = null);

/// <summary>A unit that has not submitted.</summary>
/// <param name="UnitCode">Code.</param>
/// <param name="UnitName">Name.</param>
/// <param name="State">draft or returned.</param>
/// <param name="Deadline">Its last day (close date, or a later exception or reply deadline).</param>
/// <param name="DaysLeft">Days left; 0 on the day, negative when overdue.</param>
/// <param name="MissingValues">Indicators some input of which has no value.</param>
/// <param name="MissingEvidence">Indicators with no evidence file.</param>
public sealed record UnitDeadlineDto(string UnitCode, string UnitName, string State, DateOnly Deadline, int DaysLeft, IReadOnlyList<MissingIndicatorDto> MissingValues, IReadOnlyList<MissingIndicatorDto> MissingEvidence);

/// <summary>An indicator a unit has not finished.</summary>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="MissingInputs">Inputs without a value (missing values only).</param>
/// <param name="Inputs">Its inputs (missing values only).</param>
public sealed record MissingIndicatorDto(string Code, string Name, int? MissingInputs, int? Inputs);

/// <summary>Something the caller has to do.</summary>
/// <param name="Kind">submit, approve, answer, start_review, finish_review or contribute (a plan's lead or coordinating unit enters its assigned figures).</param>
/// <param name="PeriodId">The period.</param>
/// <param name="PeriodName">Its name.</param>
/// <param name="UnitCode">The unit.</param>
/// <param name="UnitName">Its name.</param>
/// <param name="State">The submission's state (draft, submitted, approved, under_review, returned, resubmitted).</param>
/// <param name="Since">Since when it waits (Vietnam's day).</param>
/// <param name="Deadline">The last day, when there is one.</param>
/// <param name="DaysLeft">Days left to it; negative when overdue.</param>
/// <param name="CommentsWaiting">For answer: indicators whose comments have no answer yet.</param>
/// <param name="Path">The page to do it on.</param>
/// <param name="Indicator">For contribute: the plan row's indicator.</param>
public sealed record ToDoDto(
    string Kind, int PeriodId, string PeriodName, string UnitCode, string UnitName, string State, DateOnly Since, DateOnly? Deadline, int? DaysLeft, int CommentsWaiting, string Path,
    string? Indicator = null);
