using OpenDti.Application.Frameworks;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// Crosswalks between editions of frameworks (docs/frameworks.md, "Crosswalks between editions"): the confirmed one,
/// the proposal from names and rules, and its confirmation by administrators, as JSON lines or a CSV file.
/// </summary>
internal static class CrosswalkEndpoints
{
    /// <summary>The largest CSV file accepted (a crosswalk of two frameworks of a few hundred nodes is a few tens of kilobytes).</summary>
    private const int MaxCsvBytes = 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/frameworks/{from}/crosswalks/{to}").WithTags("Frameworks");

        group.MapGet("/", async (string from, string to, CrosswalkService crosswalks, HttpContext http, CancellationToken cancellationToken) =>
                ApiResults.From(await crosswalks.GetAsync(from, to, cancellationToken), http, Dto))
            .WithSummary("Bảng đối chiếu đã xác nhận giữa hai phiên bản bộ chỉ số / The confirmed crosswalk between two editions of a framework")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/proposal", async (string from, string to, CrosswalkService crosswalks, HttpContext http, CancellationToken cancellationToken) =>
                ApiResults.From(await crosswalks.ProposalAsync(from, to, cancellationToken), http, Dto))
            .WithSummary("Bảng đối chiếu đề xuất theo tên và quy tắc tính điểm / The crosswalk proposed from names and rules");

        group.MapGet("/csv", async (string from, string to, CrosswalkService crosswalks, HttpContext http, CancellationToken cancellationToken) =>
            {
                var csv = await crosswalks.CsvAsync(from, to, cancellationToken);
                return csv.Succeeded
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(csv.Value!), "text/csv; charset=utf-8", $"{from}--{to}.csv")
                    : ApiResults.From(csv, http, v => v);
            })
            .WithSummary("Bảng đối chiếu dạng CSV (đã xác nhận, hoặc đề xuất khi chưa có) / The crosswalk as CSV (confirmed, or the proposal)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        group.MapPut("/", async (string from, string to, CrosswalkDto body, CurrentActor current, CrosswalkService crosswalks, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(
                        await crosswalks.SaveAsync(actor, from, to, [.. body.Links.Select(l => new CrosswalkLinkInput(l.From, l.To, l.Kind))], body.Version, cancellationToken),
                        http,
                        Dto)))
            .WithSummary("Xác nhận bảng đối chiếu (quản trị; version: phiên bản đã đọc, 0 khi chưa có) / Confirm the crosswalk (administrators; version read, 0 when none)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/csv", async (string from, string to, int? version, CurrentActor current, CrosswalkService crosswalks, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    byte[] content;
                    try
                    {
                        using var buffer = new MemoryStream();
                        await new LimitedReadStream(http.Request.Body, MaxCsvBytes).CopyToAsync(buffer, cancellationToken);
                        content = buffer.ToArray();
                    }
                    catch (LimitedReadStream.LimitExceededException)
                    {
                        return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "RequestTooLarge", http);
                    }

                    return ApiResults.From(await crosswalks.UploadAsync(actor, from, to, content, $"{from}--{to}.csv", version ?? 0, cancellationToken), http, Dto);
                }))
            .Accepts<string>("text/csv")
            .WithSummary("Xác nhận bảng đối chiếu từ tệp CSV from,to,kind (quản trị; ?version=) / Confirm the crosswalk from a CSV file (administrators)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static CrosswalkViewDto Dto(CrosswalkView v) => new(
        v.From, v.FromName, v.To, v.ToName, v.Confirmed, v.ConfirmedAt, v.ConfirmedBy, v.Version,
        [.. v.Links.Select(l => new CrosswalkLinkViewDto(l.From, l.FromName, l.To, l.ToName, l.Kind))]);
}

/// <summary>A crosswalk to confirm.</summary>
/// <param name="Version">The version read (0 when none is stored).</param>
/// <param name="Links">Every line: each node of both editions accounted for.</param>
public sealed record CrosswalkDto(int Version, IReadOnlyList<CrosswalkLinkDto> Links);

/// <summary>A line of a crosswalk to confirm.</summary>
/// <param name="From">The older node's code; null for a new node.</param>
/// <param name="To">The newer node's code; null for a dropped node.</param>
/// <param name="Kind">same, renamed, merged, split, new or dropped.</param>
public sealed record CrosswalkLinkDto(string? From, string? To, string Kind);

/// <summary>A crosswalk, confirmed or proposed.</summary>
public sealed record CrosswalkViewDto(
    string From, string FromName, string To, string ToName, bool Confirmed, DateTime? ConfirmedAt, string? ConfirmedBy, int Version, IReadOnlyList<CrosswalkLinkViewDto> Links);

/// <summary>A line of a crosswalk, with both nodes' names.</summary>
public sealed record CrosswalkLinkViewDto(string? From, string? FromName, string? To, string? ToName, string Kind);
