using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Evidence;
using OpenDti.Application.Reporting;
using OpenDti.Core.Text;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// The form as a workbook (docs/exchange.md): download a unit's form as .xlsx, and upload it back — a preview
/// of every change and problem, then with <c>?apply=true</c> all or nothing. The rules are
/// <see cref="FormWorkbookService"/>'s; this maps requests and answers.
/// </summary>
internal static class WorkbookEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}/units/{unitCode}/workbook").WithTags("Values and results");

        group.MapGet("/", async (int id, string unitCode, CurrentActor current, FormWorkbookService workbooks, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await workbooks.DownloadAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken);
                    return outcome.Succeeded ? File(outcome.Value!, http) : ApiResults.From(outcome, http, _ => new object());
                }))
            .WithSummary("Tải biểu mẫu kê khai dạng Excel, có sẵn số liệu / Download the form as an Excel workbook, values filled in")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookFile.ContentType);

        group.MapPost("/", async (int id, string unitCode, bool? apply, CurrentActor current, FormWorkbookService workbooks, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, actor =>
                    EvidenceEndpoints.ReadUploadAsync(evidence, http, async upload =>
                    {
                        var outcome = await workbooks.ImportAsync(actor, id, unitCode, new WorkbookUpload(upload.FileName, upload.Content), apply == true, cancellationToken);
                        return Answer(outcome, apply == true, http);
                    }, cancellationToken)))
            .WithSummary("Nhập biểu mẫu Excel: xem trước, rồi áp dụng (apply=true) cả hoặc không / Upload the form: a preview, then apply=true, all or nothing")
            .Accepts<WorkbookUploadForm>("multipart/form-data")
            .Produces<WorkbookPreviewDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // Callers of the API sign in with a bearer token, which a cross-site form cannot send; the form page posts through its own handler.
            .DisableAntiforgery();
    }

    /// <summary>The workbook as a download: the Vietnamese name, and an ASCII one for clients that cannot read it.</summary>
    internal static IResult File(WorkbookFile file, HttpContext http)
    {
        http.Response.Headers.ContentDisposition = ContentDisposition(file);
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(file.Content, WorkbookFile.ContentType);
    }

    /// <summary><c>attachment; filename="bieu-mau-….xlsx"; filename*=UTF-8''Bi%E1%BB%83u…</c> (RFC 6266).</summary>
    internal static string ContentDisposition(WorkbookFile file) =>
        $"attachment; filename=\"{file.AsciiFileName}\"; filename*=UTF-8''{Uri.EscapeDataString(file.FileName)}";

    /// <summary>
    /// 200 with the preview; when applying, 400 with the same body when there are problems and 409 when there are
    /// conflicts (as the values route answers a stale version); a refused file as the values route refuses.
    /// </summary>
    private static IResult Answer(Outcome<WorkbookPreview> outcome, bool apply, HttpContext http)
    {
        if (!outcome.Succeeded)
        {
            return ApiResults.From(outcome, http, _ => new object());
        }

        var language = ApiResults.LanguageOf(http);
        var preview = Dto(outcome.Value!, language);
        if (!apply || outcome.Value!.Applied)
        {
            return Results.Ok(preview);
        }

        var status = outcome.Value.Problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        var details = new ProblemDetails
        {
            Status = status,
            Title = new AppMessage(status == StatusCodes.Status400BadRequest ? "ValuesInvalid" : "ValuesConflict", (decimal)(preview.Problems.Count + preview.Conflicts.Count)).ToString(language),
        };
        details.Extensions["fileName"] = preview.FileName;
        details.Extensions["applied"] = false;
        details.Extensions["changes"] = preview.Changes;
        details.Extensions["problems"] = preview.Problems;
        details.Extensions["conflicts"] = preview.Conflicts;
        return Results.Problem(details);
    }

    internal static WorkbookPreviewDto Dto(WorkbookPreview preview, Language language) => new(
        preview.FileName,
        preview.Applied,
        preview.Changes.Select(c => new WorkbookChangeDto(c.Indicator, c.Input, c.Old, c.New, c.Sheet, c.Cell)).ToArray(),
        preview.Problems.Select(p => Dto(p, language)).ToArray(),
        preview.Conflicts.Select(p => Dto(p, language)).ToArray());

    private static WorkbookProblemDto Dto(WorkbookIssue issue, Language language) =>
        new(issue.Sheet, issue.Cell, Excerpt.Of(issue.Indicator), Excerpt.Of(issue.Input), issue.Code, issue.Message.ToString(language));
}

/// <summary>What an uploaded workbook does (preview) or did (applied).</summary>
/// <param name="FileName">The file's name as sent.</param>
/// <param name="Applied">Whether the changes were saved.</param>
/// <param name="Changes">Every change, old → new (exchange text: "1234.5", "có", an option key; null when none).</param>
/// <param name="Problems">Every problem, by sheet and cell; any refuses the upload.</param>
/// <param name="Conflicts">Values changed in OpenDti since the download; any refuses the upload.</param>
public sealed record WorkbookPreviewDto(
    string FileName, bool Applied, IReadOnlyList<WorkbookChangeDto> Changes, IReadOnlyList<WorkbookProblemDto> Problems, IReadOnlyList<WorkbookProblemDto> Conflicts);

/// <summary>A change of a value: indicator, input, old → new, and its cell.</summary>
public sealed record WorkbookChangeDto(string Indicator, string Input, string? Old, string? New, string Sheet, string Cell);

/// <summary>A problem or conflict of an upload: its sheet and cell, indicator and input, and what is wrong.</summary>
public sealed record WorkbookProblemDto(string? Sheet, string? Cell, string? Indicator, string? Input, string Code, string Message);

/// <summary>The field of a workbook upload (multipart/form-data).</summary>
/// <param name="File">The workbook downloaded from the same route, filled in (.xlsx).</param>
public sealed record WorkbookUploadForm(IFormFile File);
