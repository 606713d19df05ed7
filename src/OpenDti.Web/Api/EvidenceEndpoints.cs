using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Data.Audit;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// A unit's evidence files (minh chứng) in a period: list, upload (multipart/form-data), download,
/// delete. The rules are <see cref="EvidenceService"/>'s; this maps requests and answers.
/// </summary>
internal static class EvidenceEndpoints
{
    /// <summary>Room in an upload request for the form's boundaries, headers and text fields, beyond the file itself.</summary>
    public const long FormMargin = 64 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}/units/{unitCode}/evidence").WithTags("Evidence");

        group.MapGet("/", async (int id, string unitCode, string? indicator, CurrentActor current, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await evidence.ListAsync(actor, id, unitCode, indicator, cancellationToken), http, items => items.Select(Dto).ToArray())))
            .WithSummary("Minh chứng của đơn vị, theo chỉ số / A unit's evidence files, by indicator")
            .Produces<EvidenceDto[]>();

        group.MapPost("/", async (int id, string unitCode, CurrentActor current, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, actor => UploadAsync(actor, id, unitCode, evidence, http, cancellationToken)))
            .WithSummary("Nộp minh chứng: tệp, số hiệu, ngày ban hành, trích yếu / Upload evidence: a file and its document's number, date and summary")
            .Accepts<EvidenceUploadForm>("multipart/form-data")
            .Produces<EvidenceDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // Callers of the API sign in with a bearer token, which a cross-site form cannot send; pages post through their own handlers.
            .DisableAntiforgery();

        group.MapGet("/{evidenceId:long}", async (int id, string unitCode, long evidenceId, CurrentActor current, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await evidence.DownloadAsync(actor, id, unitCode, evidenceId, cancellationToken);
                    if (!outcome.Succeeded)
                    {
                        return ApiResults.From(outcome, http, _ => new object());
                    }

                    // Served as a download, never rendered: a browser must not guess another type from the bytes.
                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    http.Response.Headers.CacheControl = "private, no-store";
                    return Results.File(outcome.Value!.Bytes, outcome.Value.ContentType, outcome.Value.FileName);
                }))
            .WithSummary("Tải tệp minh chứng, với tên gốc / Download an evidence file, with its original name")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");

        group.MapDelete("/{evidenceId:long}", async (int id, string unitCode, long evidenceId, string? reason, CurrentActor current, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await evidence.DeleteAsync(actor, id, unitCode, evidenceId, AuditChannel.Api, reason, cancellationToken);
                    return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome, http, Dto);
                }))
            .WithSummary("Xóa minh chứng (được ghi nhật ký) / Delete an evidence file (audited)")
            .Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>
    /// Reads the form with a limit of the largest file plus <see cref="FormMargin"/>, so that an oversized
    /// upload is a 413 with a message, whichever server runs the application, and nothing is buffered on disk.
    /// </summary>
    private static Task<IResult> UploadAsync(Actor actor, int id, string unitCode, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
        ReadUploadAsync(evidence, http, async upload =>
        {
            var outcome = await evidence.UploadAsync(actor, id, unitCode, upload, AuditChannel.Api, cancellationToken);
            return outcome.Succeeded
                ? Results.Created($"/api/periods/{id}/units/{Uri.EscapeDataString(unitCode)}/evidence/{outcome.Value!.Id}", Dto(outcome.Value))
                : ApiResults.From(outcome, http, Dto);
        }, cancellationToken);

    /// <summary>
    /// Reads an upload form (a <c>file</c> and the fields <c>indicator</c>, <c>documentNumber</c>, <c>issuedOn</c>,
    /// <c>summary</c>) within the size limit, then hands it to <paramref name="store"/>; a 400 or 413 when the
    /// request is not such a form or is too large. Shared by the indicators' evidence and the appeals' files.
    /// </summary>
    internal static async Task<IResult> ReadUploadAsync(EvidenceService evidence, HttpContext http, Func<EvidenceUpload, Task<IResult>> store, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "UploadNotMultipart", http);
        }

        var limit = evidence.MaxBytes + FormMargin;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(evidence, http);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            // Kestrel's own limit (30 MB by default) follows the configured one, up or down.
            serverLimit.MaxRequestBodySize = limit;
        }

        IFormCollection form;
        try
        {
            http.Request.Body = new LimitedReadStream(http.Request.Body, limit);
            var buffer = (int)Math.Min(limit, int.MaxValue);
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
            {
                MemoryBufferThreshold = buffer,
                MultipartBodyLengthLimit = limit,
            }));
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (LimitedReadStream.LimitExceededException)
        {
            return TooLarge(evidence, http);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(evidence, http);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "UploadMalformed", http);
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "UploadNoFile", http);
        }

        await using var content = file.OpenReadStream();
        var upload = new EvidenceUpload(form["indicator"].ToString(), file.FileName, content, form["documentNumber"].ToString(), form["issuedOn"].ToString(), form["summary"].ToString());
        return await store(upload);
    }

    private static IResult TooLarge(EvidenceService evidence, HttpContext http)
    {
        var language = ApiResults.LanguageOf(http);
        return ApiResults.Problem(
            StatusCodes.Status413PayloadTooLarge,
            new AppMessage("EvidenceRequestTooLarge", new SizeText(evidence.MaxBytes)).ToString(language),
            null,
            language);
    }

    internal static EvidenceDto Dto(EvidenceItem e) =>
        new(e.Id, e.Indicator, e.FileName, e.ContentType, e.Size, e.Sha256, e.DocumentNumber, e.IssuedOn, e.Summary, e.UploadedBy, e.UploadedAt);
}

/// <summary>An evidence file.</summary>
/// <param name="Id">Its id, for downloading and deleting.</param>
/// <param name="Indicator">The indicator it supports.</param>
/// <param name="FileName">The file name as uploaded.</param>
/// <param name="ContentType">The type recognised from its content.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the bytes, as written in the audit.</param>
/// <param name="DocumentNumber">Số hiệu.</param>
/// <param name="IssuedOn">Ngày ban hành.</param>
/// <param name="Summary">Trích yếu.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="UploadedAt">When (UTC).</param>
public sealed record EvidenceDto(
    long Id,
    string Indicator,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string? DocumentNumber,
    DateOnly? IssuedOn,
    string? Summary,
    string UploadedBy,
    DateTime UploadedAt);

/// <summary>The fields of an upload (multipart/form-data), as the OpenAPI document describes them.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="File">The file: PDF, PNG, JPEG, GIF, .docx, .xlsx, .pptx, .doc or .xls, its extension agreeing with its content.</param>
/// <param name="DocumentNumber">Số hiệu, e.g. 125/QĐ-UBND (optional).</param>
/// <param name="IssuedOn">Ngày ban hành, dd/MM/yyyy or yyyy-MM-dd (optional).</param>
/// <param name="Summary">Trích yếu (optional).</param>
public sealed record EvidenceUploadForm(string Indicator, IFormFile File, string? DocumentNumber, string? IssuedOn, string? Summary);
