using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Evidence;
using OpenDti.Application.Plans;
using OpenDti.Application.Reporting;
using OpenDti.Core.Text;
using OpenDti.Exchange.Documents;
using OpenDti.Exchange.Plans;
using OpenDti.Web.Documents;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// A plan in the seeds' layouts (docs/plans.md, "The seeds' tables"): as .xlsx and PDF for whoever may read the
/// plan, and an .xlsx in any of the layouts taken back by an evaluator — a preview, then <c>?apply=true</c> all or
/// nothing. The rules are <see cref="PlanExchangeService"/>'s; this maps requests and answers.
/// </summary>
internal static class PlanExchangeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Plans");

        group.MapGet("/plan.xlsx", async (int id, string? unit, string? layout, CurrentActor current, PlanExchangeService exchange, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await exchange.ExportAsync(actor, id, unit, layout, ApiResults.LanguageOf(http), cancellationToken);
                    return outcome.Succeeded ? WorkbookEndpoints.File(outcome.Value!, http) : ApiResults.From(outcome, http, _ => new object());
                }))
            .WithSummary("Kế hoạch theo mẫu bảng của văn bản (layout=001, 002 hoặc 004), dạng Excel / The plan in a seed's table (layout=001, 002 or 004) as Excel")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookFile.ContentType);

        group.MapGet("/plan.pdf", async (int id, string? unit, string? layout, CurrentActor current, PlanExchangeService exchange, PdfRenderer renderer, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var language = ApiResults.LanguageOf(http);
                    var document = await exchange.DocumentAsync(actor, id, unit, layout, language, cancellationToken);
                    if (!document.Succeeded)
                    {
                        return ApiResults.From(document, http, d => d);
                    }

                    var pdf = await renderer.RenderAsync(OfficialDocumentWriter.Html(document.Value!, language), cancellationToken);
                    return PdfResponses.From(pdf, PdfResponses.FileName(PdfStem(id, unit, layout)), renderer, http);
                }))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("Kế hoạch theo mẫu bảng của văn bản (layout=001, 002 hoặc 004), dạng PDF / The plan in a seed's table as PDF");

        group.MapPost("/plan/xlsx", async (int id, string? unit, bool? apply, CurrentActor current, PlanExchangeService exchange, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, actor =>
                    EvidenceEndpoints.ReadUploadAsync(evidence, http, async upload =>
                    {
                        var outcome = await exchange.ImportAsync(actor, id, unit, new WorkbookUpload(upload.FileName, upload.Content), apply == true, cancellationToken);
                        return Answer(outcome, apply == true, http);
                    }, cancellationToken)))
            .WithSummary("Nhập kế hoạch từ bảng Excel theo mẫu 001, 002 hoặc 004: xem trước, rồi áp dụng (apply=true) cả hoặc không / Import the plan from a seed's table: a preview, then apply=true, all or nothing")
            .Accepts<WorkbookUploadForm>("multipart/form-data")
            .Produces<PlanImportDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // Callers of the API sign in with a bearer token, which a cross-site form cannot send.
            .DisableAntiforgery();
    }

    /// <summary>"ke-hoach-ky-3-HUYEN-01-mau-004": ASCII only, whatever the query says.</summary>
    internal static string PdfStem(int id, string? unit, string? layout)
    {
        var code = new string((unit ?? string.Empty).Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(40).ToArray());
        var name = PlanExchangeService.LayoutOf(layout) is { } known ? PlanLayouts.Name(known) : "004";
        return code.Length == 0 ? $"ke-hoach-ky-{id}-mau-{name}" : $"ke-hoach-ky-{id}-{code}-mau-{name}";
    }

    /// <summary>200 with the preview; when applying, 400 with the same body when there are problems; a refused file as the values route refuses.</summary>
    private static IResult Answer(Outcome<PlanImportPreview> outcome, bool apply, HttpContext http)
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

        var details = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = new AppMessage("PlanInvalid", preview.Problems.Count).ToString(language),
        };
        details.Extensions["fileName"] = preview.FileName;
        details.Extensions["layout"] = preview.Layout;
        details.Extensions["applied"] = false;
        details.Extensions["changes"] = preview.Changes;
        details.Extensions["problems"] = preview.Problems;
        return Results.Problem(details);
    }

    internal static PlanImportDto Dto(PlanImportPreview preview, Language language) => new(
        preview.FileName,
        preview.Layout is { } layout ? PlanLayouts.Name(layout) : null,
        preview.Applied,
        preview.Changes.Select(c => new PlanImportChangeDto(c.Indicator, c.Field, c.Old, c.New, c.Sheet, c.Cell, c.Row)).ToArray(),
        preview.Problems.Select(p => new PlanImportProblemDto(p.Sheet, p.Cell, p.Row, Excerpt.Of(p.Indicator), p.Field, p.Code, p.Message.ToString(language))).ToArray());
}

/// <summary>What an uploaded plan table does (preview) or did (applied).</summary>
/// <param name="FileName">The file's name as sent.</param>
/// <param name="Layout">The layout recognised by its headings: "001", "002" or "004".</param>
/// <param name="Applied">Whether the changes were saved.</param>
/// <param name="Changes">Every change, old → new (units by code).</param>
/// <param name="Problems">Every problem, by sheet, cell and row; any refuses the upload.</param>
public sealed record PlanImportDto(string FileName, string? Layout, bool Applied, IReadOnlyList<PlanImportChangeDto> Changes, IReadOnlyList<PlanImportProblemDto> Problems);

/// <summary>A change of a plan row's field, old → new, and its cell.</summary>
public sealed record PlanImportChangeDto(string Indicator, string Field, string? Old, string? New, string Sheet, string Cell, int Row);

/// <summary>A problem of an uploaded plan table: its sheet, cell and row, indicator and field, and what is wrong.</summary>
public sealed record PlanImportProblemDto(string? Sheet, string? Cell, int? Row, string? Indicator, string? Field, string Code, string Message);
