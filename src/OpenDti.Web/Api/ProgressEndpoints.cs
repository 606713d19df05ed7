using OpenDti.Application.Evidence;
using OpenDti.Application.Plans;
using OpenDti.Data.Audit;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// Progress reports on a period's plans (báo cáo tiến độ): read, report (a whole request of rows), attach and
/// download documents. The rules are <see cref="ProgressService"/>'s; this maps requests and answers.
/// </summary>
internal static class ProgressEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}/progress").WithTags("Plans");

        group.MapGet("/", async (int id, CurrentActor current, ProgressService progress, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await progress.GetAsync(actor, id, cancellationToken), http, Dto)))
            .WithSummary("Tiến độ thực hiện kế hoạch: theo đơn vị chủ trì, các nhiệm vụ quá hạn / Progress on the plans: by lead unit, overdue assignments")
            .Produces<ProgressDto>();

        group.MapPut("/", async (int id, ProgressRequest body, CurrentActor current, ProgressService progress, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await progress.SaveAsync(actor, id, body.Rows.Select(r => new ProgressInput(r.Unit, r.Indicator, r.Term, r.Status, r.Text)).ToArray(), AuditChannel.Api, cancellationToken);
                    if (outcome.Succeeded || outcome.Problems.Count == 0)
                    {
                        return ApiResults.From(outcome, http, changed => new ProgressSavedDto(changed));
                    }

                    // Each problem located as in a request about many units: the 0-based index of the row, its unit, indicator and field.
                    var language = ApiResults.LanguageOf(http);
                    var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = ApiResults.StatusOf(outcome.Status), Title = outcome.Message?.ToString(language) };
                    details.Extensions["problems"] = outcome.Problems
                        .Select(p => new BulkProblemDto(p.Code, null, p.Row, Core.Text.Excerpt.Of(p.Unit), Core.Text.Excerpt.Of(p.Indicator), p.Input, p.Message.ToString(language)))
                        .ToArray();
                    return Results.Problem(details);
                }))
            .WithSummary("Báo cáo tiến độ: các dòng {unit, indicator, term, status, text}, kiểm tra cả yêu cầu, lỗi theo từng dòng (được ghi nhật ký) / Report progress: rows {unit, indicator, term, status, text}, checked as a whole with each row's problems (audited)")
            .Produces<ProgressSavedDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/documents", async (int id, CurrentActor current, ProgressService progress, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, actor => EvidenceEndpoints.ReadUploadAsync(evidence, http, async upload =>
                {
                    var form = http.Request.Form;
                    var outcome = await progress.UploadAsync(
                        actor, id, form["unit"].ToString(), form["indicator"].ToString(), form["term"].ToString(), upload, AuditChannel.Api, cancellationToken);
                    return outcome.Succeeded
                        ? Results.Created($"/api/periods/{id}/progress/documents/{outcome.Value!.Id}", EvidenceEndpoints.Dto(outcome.Value))
                        : ApiResults.From(outcome, http, EvidenceEndpoints.Dto);
                }, cancellationToken)))
            .WithSummary("Đính kèm tài liệu vào báo cáo tiến độ: unit, indicator, term, tệp (kiểm tra như minh chứng) / Attach a document to a progress report: unit, indicator, term, file (checked like evidence)")
            .Accepts<ProgressDocumentForm>("multipart/form-data")
            .Produces<EvidenceDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();

        group.MapGet("/documents/{documentId:long}", async (int id, long documentId, CurrentActor current, ProgressService progress, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await progress.DownloadAsync(actor, id, documentId, cancellationToken);
                    if (!outcome.Succeeded)
                    {
                        return ApiResults.From(outcome, http, _ => new object());
                    }

                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    http.Response.Headers.CacheControl = "private, no-store";
                    return Results.File(outcome.Value!.Bytes, outcome.Value.ContentType, outcome.Value.FileName);
                }))
            .WithSummary("Tải tài liệu của báo cáo tiến độ / Download a progress report's document")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    internal static ProgressDto Dto(PeriodProgress p) => new(
        p.Period.Id,
        p.Period.Name,
        p.Today,
        p.ByLead.Select(l => new LeadProgressDto(l.LeadUnitCode, l.LeadUnitName, l.Assigned, l.NotReported, l.NotStarted, l.InProgress, l.Done, l.Overdue)).ToArray(),
        p.Rows.Select(r => new ProgressRowDto(
                AssignmentDto(r.Assignment, p.Today),
                r.Reports.Select(x => new ProgressReportDto(
                        ProgressService.TermName(x.Term), ProgressService.StatusName(x.Status), x.Text, x.ReportedBy, x.ReportedByUnitCode, x.ReportedAt, x.Documents.Select(EvidenceEndpoints.Dto).ToArray()))
                    .ToArray(),
                r.CanReport))
            .ToArray(),
        p.Overdue.Select(a => AssignmentDto(a, p.Today)).ToArray());

    internal static AssignmentDto AssignmentDto(Assignment a, DateOnly today) => new(
        a.PeriodId,
        a.PlanUnitCode,
        a.PlanUnitName,
        a.Indicator,
        a.IndicatorName,
        a.LeadUnitCode,
        a.LeadUnitName,
        a.Target,
        a.DueOn,
        a.DueText,
        a.Deadline,
        a.DaysLeft,
        a.Inputs,
        a.EmptyInputs,
        a.LatestTerm is { } term ? ProgressService.TermName(term) : null,
        a.LatestStatus is { } status ? ProgressService.StatusName(status) : null,
        a.IsLate,
        a.IsOverdueOn(today));
}

/// <summary>A period's progress.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="PeriodName">Its name.</param>
/// <param name="Today">Today in Vietnam.</param>
/// <param name="ByLead">Counts per lead unit.</param>
/// <param name="Rows">The assignments with their reports.</param>
/// <param name="Overdue">The overdue assignments (the plan row's day passed, not done).</param>
public sealed record ProgressDto(int PeriodId, string PeriodName, DateOnly Today, IReadOnlyList<LeadProgressDto> ByLead, IReadOnlyList<ProgressRowDto> Rows, IReadOnlyList<AssignmentDto> Overdue);

/// <summary>A lead unit's assignments by latest status.</summary>
/// <param name="LeadUnitCode">The lead unit; null for rows with coordinating units only.</param>
/// <param name="LeadUnitName">Its name.</param>
/// <param name="Assigned">Assignments.</param>
/// <param name="NotReported">With no report yet.</param>
/// <param name="NotStarted">Chưa thực hiện.</param>
/// <param name="InProgress">Đang thực hiện.</param>
/// <param name="Done">Hoàn thành.</param>
/// <param name="Overdue">Overdue.</param>
public sealed record LeadProgressDto(string? LeadUnitCode, string? LeadUnitName, int Assigned, int NotReported, int NotStarted, int InProgress, int Done, int Overdue);

/// <summary>An assignment with its progress reports.</summary>
/// <param name="Assignment">The assignment.</param>
/// <param name="Reports">Its reports, by term.</param>
/// <param name="CanReport">Whether the caller may report on it.</param>
public sealed record ProgressRowDto(AssignmentDto Assignment, IReadOnlyList<ProgressReportDto> Reports, bool CanReport);

/// <summary>A progress report.</summary>
/// <param name="Term">quarter1, halfYear, nineMonths or year.</param>
/// <param name="Status">notStarted, inProgress or done.</param>
/// <param name="Text">What was done.</param>
/// <param name="ReportedBy">Who reported.</param>
/// <param name="ReportedByUnit">The unit they reported for.</param>
/// <param name="ReportedAt">When (UTC).</param>
/// <param name="Documents">Its documents.</param>
public sealed record ProgressReportDto(string Term, string Status, string? Text, string ReportedBy, string? ReportedByUnit, DateTime ReportedAt, IReadOnlyList<EvidenceDto> Documents);

/// <summary>An assignment of a plan.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Unit">The plan unit (whose form the plan covers).</param>
/// <param name="UnitName">Its name.</param>
/// <param name="Indicator">The node.</param>
/// <param name="IndicatorName">Its name.</param>
/// <param name="LeadUnit">The lead unit's code.</param>
/// <param name="LeadUnitName">Its name.</param>
/// <param name="Target">The target.</param>
/// <param name="DueOn">The plan row's day.</param>
/// <param name="DueText">The plan row's deadline as text.</param>
/// <param name="Deadline">The last day to enter the figures: the earlier of the row's day and the contributors' deadline.</param>
/// <param name="DaysLeft">Days left to it; negative when passed.</param>
/// <param name="Inputs">The inputs it covers.</param>
/// <param name="EmptyInputs">Those still empty.</param>
/// <param name="LatestTerm">The latest term reported.</param>
/// <param name="LatestStatus">Its status.</param>
/// <param name="Late">The deadline passed with an input still empty.</param>
/// <param name="Overdue">The row's day passed and the latest status is not done.</param>
public sealed record AssignmentDto(
    int PeriodId,
    string Unit,
    string UnitName,
    string Indicator,
    string IndicatorName,
    string? LeadUnit,
    string? LeadUnitName,
    string? Target,
    DateOnly? DueOn,
    string? DueText,
    DateOnly Deadline,
    int DaysLeft,
    int Inputs,
    int EmptyInputs,
    string? LatestTerm,
    string? LatestStatus,
    bool Late,
    bool Overdue);

/// <summary>Progress reports to save.</summary>
/// <param name="Rows">The rows.</param>
public sealed record ProgressRequest(IReadOnlyList<ProgressRowRequest> Rows);

/// <summary>One progress report.</summary>
/// <param name="Unit">The plan unit's code.</param>
/// <param name="Indicator">The plan row's node.</param>
/// <param name="Term">quarter1, halfYear, nineMonths or year (or Quý I, 6 tháng, 9 tháng, Cả năm).</param>
/// <param name="Status">notStarted, inProgress or done (or Chưa thực hiện, Đang thực hiện, Hoàn thành).</param>
/// <param name="Text">What was done, briefly (optional).</param>
public sealed record ProgressRowRequest(string Unit, string Indicator, string Term, string Status, string? Text);

/// <summary>What a progress request changed.</summary>
/// <param name="Changed">Reports that changed (a row equal to the stored one changes nothing).</param>
public sealed record ProgressSavedDto(int Changed);

/// <summary>The fields of a progress document upload (multipart/form-data).</summary>
/// <param name="Unit">The plan unit's code.</param>
/// <param name="Indicator">The plan row's node.</param>
/// <param name="Term">The term of the report.</param>
/// <param name="File">The file: PDF, images or Office documents, its extension agreeing with its content.</param>
/// <param name="DocumentNumber">Số hiệu (optional).</param>
/// <param name="IssuedOn">Ngày ban hành (optional).</param>
/// <param name="Summary">Trích yếu (optional).</param>
public sealed record ProgressDocumentForm(string Unit, string Indicator, string Term, IFormFile File, string? DocumentNumber, string? IssuedOn, string? Summary);
