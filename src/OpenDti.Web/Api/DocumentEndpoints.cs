using OpenDti.Application.Documents;
using OpenDti.Exchange.Documents;
using OpenDti.Web.Documents;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>The documents in the official layout, as PDF: a period's results report and a unit's scorecard.</summary>
internal static class DocumentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Documents");

        group.MapGet("/report.pdf", async (int id, CurrentActor current, DocumentService documents, PdfRenderer renderer, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var language = ApiResults.LanguageOf(http);
                    var document = await documents.PeriodReportAsync(actor, id, language, cancellationToken);
                    if (!document.Succeeded)
                    {
                        return ApiResults.From(document, http, d => d);
                    }

                    var pdf = await renderer.RenderAsync(OfficialDocumentWriter.Html(document.Value!, language), cancellationToken);
                    return PdfResponses.From(pdf, PdfResponses.FileName($"bao-cao-ket-qua-ky-{id}"), renderer, http);
                }))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("Báo cáo kết quả đánh giá, xếp hạng của kỳ (PDF, thể thức văn bản hành chính) / A period's results report (PDF, official layout)");

        group.MapGet("/units/{unitCode}/scorecard.pdf", async (int id, string unitCode, CurrentActor current, DocumentService documents, PdfRenderer renderer, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var language = ApiResults.LanguageOf(http);
                    var document = await documents.ScorecardAsync(actor, id, unitCode, language, cancellationToken);
                    if (!document.Succeeded)
                    {
                        return ApiResults.From(document, http, d => d);
                    }

                    var pdf = await renderer.RenderAsync(OfficialDocumentWriter.Html(document.Value!, language), cancellationToken);
                    return PdfResponses.From(pdf, PdfResponses.FileName($"phieu-diem-{unitCode}-ky-{id}"), renderer, http);
                }))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("Phiếu điểm của đơn vị kèm giải thích và tài liệu kiểm chứng (PDF, thể thức văn bản hành chính) / A unit's scorecard with explanations and evidence (PDF, official layout)");
    }
}
