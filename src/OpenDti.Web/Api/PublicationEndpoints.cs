using System.Text.Json;
using OpenDti.Application.Review;
using OpenDti.Core.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Publication (công bố) of a period's results: numbered, frozen snapshots.</summary>
internal static class PublicationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Publication");

        group.MapGet("/publish/preview", async (int id, CurrentActor current, PublicationService publications, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await publications.PreviewAsync(actor, id, cancellationToken), http, p => Dto(p, ApiResults.LanguageOf(http)))))
            .WithSummary("Xem trước kết quả sẽ công bố: trước hết các đơn vị không gửi hồ sơ và điểm, thứ hạng của họ; mã xác nhận để công bố (thẩm định, quản trị) / Preview what publishing would publish: first the units that did not submit, with their points and ranks; the confirmation to publish with (evaluators, administrators)")
            .Produces<PublicationPreviewDto>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/publish", async (int id, PublishRequest? body, CurrentActor current, PublicationService publications, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await publications.PublishAsync(actor, id, body?.Reason, body?.Confirmation, cancellationToken);
                    return outcome.Succeeded
                        ? Results.Created($"/api/periods/{id}/publications/{outcome.Value!.Number}", Dto(outcome.Value))
                        : ApiResults.From(outcome, http, Dto);
                }))
            .WithSummary("Công bố kết quả với mã xác nhận của bản xem trước (thẩm định, quản trị); lần sau là đính chính, phải có lý do / Publish the results with the preview's confirmation (evaluators, administrators); a later one is a correction and needs a reason")
            .Produces<PublicationDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            // Callers of the API sign in with a bearer token, which a cross-site form cannot send; pages post through their own handlers.
            .DisableAntiforgery();

        group.MapGet("/publications", async (int id, CurrentActor current, PublicationService publications, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await publications.ListAsync(actor, id, cancellationToken), http, list => list.Select(Dto).ToArray())))
            .WithSummary("Các lần công bố kết quả của kỳ đánh giá / A period's publications")
            .Produces<PublicationDto[]>();

        group.MapGet("/publications/{number:int}", async (int id, int number, CurrentActor current, PublicationService publications, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await publications.GetAsync(actor, id, number, cancellationToken), http, p => new PublishedResultsDto(
                        Dto(p.Publication), JsonDocument.Parse(p.Snapshot.ToJson()).RootElement))))
            .WithSummary("Kết quả đã công bố, đúng như lúc công bố / A publication's results, exactly as published")
            .Produces<PublishedResultsDto>();
    }

    private static PublicationDto Dto(PublicationSummary p) => new(p.PeriodId, p.Number, p.At, p.UserName, p.Reason);

    private static PublicationPreviewDto Dto(PublicationPreview p, Core.Text.Language language) => new(
        p.PeriodId,
        p.Number,
        p.Number > 1,
        PeriodEndpoints.Name(p.Ranking),
        PeriodEndpoints.Name(p.Points),
        Application.Periods.PeriodService.UnfinishedRuleText(p.Ranking, p.Points).ToString(language),
        p.Unfinished.Select(u => new UnfinishedUnitDto(
                u.Code, u.Name, PeriodEndpoints.Name(u.State), ReviewText.Name(u.State).ToString(language), u.ReportedTotal, u.PublishedTotal, u.Rank))
            .ToArray(),
        JsonDocument.Parse(p.Snapshot.ToJson()).RootElement,
        p.Confirmation);
}

/// <summary>
/// A publication request; <c>reason</c> is required for a correction (every publication after the first);
/// <c>confirmation</c> is the one <c>GET …/publish/preview</c> gave, required.
/// </summary>
public sealed record PublishRequest(string? Reason, string? Confirmation = null);

/// <summary>What publishing now would publish, to be confirmed.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Number">The number the publication would get.</param>
/// <param name="Correction">Whether it is a correction (a reason is then required).</param>
/// <param name="UnfinishedRanking">The period's rule: <c>afterFinalised</c> or <c>withOthers</c>.</param>
/// <param name="UnfinishedPoints">The period's rule: <c>zero</c> or <c>asReported</c>.</param>
/// <param name="Rule">The rule as a sentence, in the caller's language.</param>
/// <param name="Unfinished">The units whose review is not completed, published as "không gửi hồ sơ": what they reported and what they get.</param>
/// <param name="Snapshot">The results as they would be published (the same shape as a publication's).</param>
/// <param name="Confirmation">Send it with <c>POST …/publish</c> to publish exactly this.</param>
public sealed record PublicationPreviewDto(
    int PeriodId, int Number, bool Correction, string UnfinishedRanking, string UnfinishedPoints, string Rule, IReadOnlyList<UnfinishedUnitDto> Unfinished, JsonElement Snapshot, string Confirmation);

/// <summary>A unit whose review is not completed, and what the publication gives it.</summary>
/// <param name="UnitCode">Its code.</param>
/// <param name="UnitName">Its name.</param>
/// <param name="State">Its submission's state (<c>draft</c>).</param>
/// <param name="StateName">The state as people read it ("đang kê khai").</param>
/// <param name="ReportedTotal">The total of what it reported.</param>
/// <param name="PublishedTotal">The total published: 0 or as reported.</param>
/// <param name="Rank">The rank published.</param>
public sealed record UnfinishedUnitDto(string UnitCode, string UnitName, string State, string StateName, decimal ReportedTotal, decimal PublishedTotal, int Rank);

/// <summary>A publication: number, when (UTC), who and why.</summary>
public sealed record PublicationDto(int PeriodId, int Number, DateTime At, string PublishedBy, string? Reason);

/// <summary>A publication with its frozen results (period, main indices, nodes, inputs, and every unit's points, ranks, explanations in Vietnamese and English, and values).</summary>
public sealed record PublishedResultsDto(PublicationDto Publication, JsonElement Snapshot);
