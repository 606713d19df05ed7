using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Review;
using OpenDti.Data.Audit;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// Appeals (phúc khảo) of a period's published points: list, file, attach evidence, download it, accept
/// or reject. The rules are <see cref="AppealService"/>'s; this maps requests and answers.
/// </summary>
internal static class AppealEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Appeals");

        group.MapGet("/appeals", async (int id, CurrentActor current, AppealService appeals, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await appeals.ListAsync(actor, id, null, cancellationToken), http, list => list.Select(Dto).ToArray())))
            .WithSummary("Các đơn phúc khảo của kỳ đánh giá (thẩm định, quản trị, theo dõi) / A period's appeals (evaluators, administrators, viewers)")
            .Produces<AppealDto[]>();

        group.MapGet("/units/{unitCode}/appeals", async (int id, string unitCode, CurrentActor current, AppealService appeals, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await appeals.ListAsync(actor, id, unitCode, cancellationToken), http, list => list.Select(Dto).ToArray())))
            .WithSummary("Các đơn phúc khảo của đơn vị / A unit's appeals")
            .Produces<AppealDto[]>();

        group.MapPost("/units/{unitCode}/appeals", async (int id, string unitCode, FileAppealRequest body, CurrentActor current, AppealService appeals, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await appeals.FileAsync(actor, id, unitCode, body.Indicators, body.Reason, cancellationToken);
                    return outcome.Succeeded
                        ? Results.Created($"/api/periods/{id}/units/{Uri.EscapeDataString(unitCode)}/appeals", Dto(outcome.Value!))
                        : ApiResults.From(outcome, http, Dto);
                }))
            .WithSummary("Gửi đơn phúc khảo trong thời hạn sau công bố (cán bộ kê khai, lãnh đạo đơn vị) / File an appeal within the window after publication (the unit's reporters and leaders)")
            .Produces<AppealDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            // Callers of the API sign in with a bearer token, which a cross-site form cannot send; pages post through their own handlers.
            .DisableAntiforgery();

        group.MapPost("/appeals/{appealId:int}/evidence", async (int id, int appealId, CurrentActor current, AppealService appeals, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, actor => EvidenceEndpoints.ReadUploadAsync(evidence, http, async upload =>
                {
                    var outcome = await appeals.AttachAsync(actor, id, appealId, upload, AuditChannel.Api, cancellationToken);
                    return outcome.Succeeded
                        ? Results.Created($"/api/periods/{id}/appeals/{appealId}/evidence/{outcome.Value!.Id}", EvidenceEndpoints.Dto(outcome.Value))
                        : ApiResults.From(outcome, http, EvidenceEndpoints.Dto);
                }, cancellationToken)))
            .WithSummary("Nộp minh chứng kèm đơn phúc khảo đang chờ xử lý / Attach evidence to a pending appeal")
            .Accepts<EvidenceUploadForm>("multipart/form-data")
            .Produces<EvidenceDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();

        group.MapGet("/appeals/{appealId:int}/evidence/{evidenceId:long}", async (int id, int appealId, long evidenceId, CurrentActor current, AppealService appeals, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await appeals.DownloadAsync(actor, id, appealId, evidenceId, cancellationToken);
                    if (!outcome.Succeeded)
                    {
                        return ApiResults.From(outcome, http, _ => new object());
                    }

                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    http.Response.Headers.CacheControl = "private, no-store";
                    return Results.File(outcome.Value!.Bytes, outcome.Value.ContentType, outcome.Value.FileName);
                }))
            .WithSummary("Tải tệp minh chứng của đơn phúc khảo / Download an appeal's evidence file")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");

        group.MapPost("/appeals/{appealId:int}/accept", (int id, int appealId, AppealDecisionRequest body, CurrentActor current, AppealService appeals, HttpContext http, CancellationToken cancellationToken) =>
                DecideAsync(id, appealId, accept: true, body, current, appeals, http, cancellationToken))
            .WithSummary("Chấp nhận đơn phúc khảo sau khi đã điều chỉnh số liệu; công bố đính chính (thẩm định, quản trị) / Accept an appeal once values are adjusted; publishes a correction (evaluators, administrators)")
            .Produces<AppealDto>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .DisableAntiforgery();

        group.MapPost("/appeals/{appealId:int}/reject", (int id, int appealId, AppealDecisionRequest body, CurrentActor current, AppealService appeals, HttpContext http, CancellationToken cancellationToken) =>
                DecideAsync(id, appealId, accept: false, body, current, appeals, http, cancellationToken))
            .WithSummary("Không chấp nhận đơn phúc khảo, nêu lý do (thẩm định, quản trị) / Reject an appeal with a reason (evaluators, administrators)")
            .Produces<AppealDto>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .DisableAntiforgery();
    }

    private static Task<IResult> DecideAsync(
        int id, int appealId, bool accept, AppealDecisionRequest body, CurrentActor current, AppealService appeals, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.ForActor(current, async actor =>
            ApiResults.From(await appeals.DecideAsync(actor, id, appealId, accept, body.Reason, body.Version, cancellationToken), http, Dto));

    private static AppealDto Dto(AppealItem a) => new(
        a.Id,
        a.UnitCode,
        a.UnitName,
        a.Indicators,
        a.Reason,
        a.PublicationNumber,
        a.FiledAt,
        a.FiledBy,
        ReviewEndpoints.Name(a.State),
        a.Decision,
        a.DecidedAt,
        a.DecidedBy,
        a.ResultingPublication,
        a.Version,
        a.Files.Select(EvidenceEndpoints.Dto).ToArray());
}

/// <summary>An appeal (phúc khảo) of published points.</summary>
/// <param name="Id">Its id.</param>
/// <param name="UnitCode">The unit.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="Indicators">The indicators appealed, in framework order.</param>
/// <param name="Reason">Why the unit appeals.</param>
/// <param name="PublicationNumber">The publication appealed.</param>
/// <param name="FiledAt">When it was filed (UTC).</param>
/// <param name="FiledBy">Who filed it.</param>
/// <param name="State">pending, accepted or rejected.</param>
/// <param name="Decision">The evaluator's reason.</param>
/// <param name="DecidedAt">When it was decided (UTC).</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="ResultingPublication">For an accepted appeal, the publication with the correction.</param>
/// <param name="Version">Send it back with a decision to be told when someone else decided first.</param>
/// <param name="Files">The evidence filed with it.</param>
public sealed record AppealDto(
    int Id,
    string UnitCode,
    string UnitName,
    IReadOnlyList<string> Indicators,
    string Reason,
    int PublicationNumber,
    DateTime FiledAt,
    string FiledBy,
    string State,
    string? Decision,
    DateTime? DecidedAt,
    string? DecidedBy,
    int? ResultingPublication,
    int Version,
    IReadOnlyList<EvidenceDto> Files);

/// <summary>A new appeal: the indicators' codes and the reason.</summary>
/// <param name="Indicators">Codes of indicators with inputs, e.g. ["1.3", "2.1"].</param>
/// <param name="Reason">Why; required.</param>
public sealed record FileAppealRequest(IReadOnlyList<string>? Indicators, string? Reason);

/// <summary>An evaluator's decision on an appeal.</summary>
/// <param name="Reason">Why; required.</param>
/// <param name="Version">The appeal's version as read (optional).</param>
public sealed record AppealDecisionRequest(string? Reason, int? Version = null);
