using System.Text.Json;
using OpenDti.Application.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Publication (công bố) of a period's results: numbered, frozen snapshots.</summary>
internal static class PublicationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Publication");

        group.MapPost("/publish", async (int id, PublishRequest? body, CurrentActor current, PublicationService publications, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await publications.PublishAsync(actor, id, body?.Reason, cancellationToken);
                    return outcome.Succeeded
                        ? Results.Created($"/api/periods/{id}/publications/{outcome.Value!.Number}", Dto(outcome.Value))
                        : ApiResults.From(outcome, http, Dto);
                }))
            .WithSummary("Công bố kết quả (thẩm định, quản trị); lần sau là đính chính, phải có lý do / Publish the results (evaluators, administrators); a later one is a correction and needs a reason")
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
}

/// <summary>A publication request; <c>reason</c> is required for a correction (every publication after the first).</summary>
public sealed record PublishRequest(string? Reason);

/// <summary>A publication: number, when (UTC), who and why.</summary>
public sealed record PublicationDto(int PeriodId, int Number, DateTime At, string PublishedBy, string? Reason);

/// <summary>A publication with its frozen results (period, main indices, nodes, inputs, and every unit's points, ranks, explanations in Vietnamese and English, and values).</summary>
public sealed record PublishedResultsDto(PublicationDto Publication, JsonElement Snapshot);
