using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenDti.Application;
using OpenDti.Application.Improvement.National;
using OpenDti.Core.Text;
using OpenDti.Exchange.Improvement;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// The national DTI (docs/improvement.md, "The national DTI"): a period's national reference values, the ministry's
/// published results per year, and a province-level period's estimate of its national result. The rules are
/// <see cref="NationalService"/>'s; this maps requests and answers.
/// </summary>
internal static class NationalEndpoints
{
    /// <summary>The largest body read, in bytes (every cohort indicator's references, or a national table, fit many times).</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var periods = api.MapGroup("/periods/{id:int}").WithTags("National DTI");

        periods.MapGet("/references", async (int id, CurrentActor current, NationalService national, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await national.ReferencesAsync(actor, id, cancellationToken), http, Dto)))
            .WithSummary("Giá trị tham chiếu quốc gia của kỳ (chỉ tiêu Min-Max và so với cao nhất) / The period's national reference values (min-max and relative-to-best indicators)")
            .Produces<ReferencesDto>();

        periods.MapPut("/references", ImportReferencesAsync)
            .WithSummary("Nhập giá trị tham chiếu quốc gia (JSON [{indicator,label,measure}] hoặc CSV indicator,label,measure như --reference của dòng lệnh), thay bộ cũ, cả hoặc không / Import the national reference values (JSON or the command line's --reference CSV), replacing the previous set, all or nothing")
            .Accepts<List<ReferenceRowDto>>("application/json", "text/csv")
            .Produces<NationalSavedDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        periods.MapGet("/national-estimate", async (int id, CurrentActor current, NationalService national, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await national.EstimateAsync(actor, id, cancellationToken), http, Dto)))
            .WithSummary("Ước tính DTI quốc gia của tỉnh từ kỳ tự đánh giá, bên kết quả chính thức năm trước / The province's estimated national DTI from its self-assessment, beside last year's official result")
            .Produces<EstimateDto>();

        var years = api.MapGroup("/national/{year:int}").WithTags("National DTI");

        years.MapGet("", async (int year, CurrentActor current, NationalService national, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await national.TableAsync(actor, year, cancellationToken), http, Dto)))
            .WithSummary("Kết quả DTI quốc gia của năm đã ghi, kèm giá trị 0–1 / The year's recorded national DTI results, with the 0–1 values")
            .Produces<NationalTableDto>();

        years.MapPut("", (int year, string? framework, HttpContext http, CurrentActor current, NationalService national, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken) =>
                SaveTableAsync(year, framework, replace: true, http, current, national, json, cancellationToken))
            .WithSummary("Ghi cả bảng kết quả DTI quốc gia của năm (JSON hoặc CSV province,own,total,rank,source,1,rank_1,…), thay bảng cũ / Record the year's whole national table (JSON or CSV), replacing it")
            .Accepts<List<NationalRowDto>>("application/json", "text/csv")
            .Produces<NationalSavedDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        years.MapPost("", (int year, string? framework, HttpContext http, CurrentActor current, NationalService national, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken) =>
                SaveTableAsync(year, framework, replace: false, http, current, national, json, cancellationToken))
            .WithSummary("Ghi kết quả của các tỉnh gửi lên (mỗi tỉnh thay dòng của nó; các tỉnh khác giữ nguyên) / Record the provinces sent (each replaces its row; the others stay)")
            .Accepts<List<NationalRowDto>>("application/json", "text/csv")
            .Produces<NationalSavedDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            // Callers of the API sign in with a bearer token, which a cross-site form cannot send.
            .DisableAntiforgery();
    }

    private static async Task<IResult> ImportReferencesAsync(
        int id, HttpContext http, CurrentActor current, NationalService national, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Results.Unauthorized();
        }

        var (body, csv, failure) = await ReadBodyAsync(http, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        IReadOnlyList<ReferenceEntry?> entries;
        if (csv)
        {
            var read = ReferenceCsvRows.Read(body);
            if (read.Diagnostics.Any(d => d.IsError))
            {
                return CsvProblem(read.Diagnostics, ApiResults.LanguageOf(http));
            }

            entries = References(read.Rows);
        }
        else
        {
            var rows = Deserialize<ReferenceRowDto>(body, json.Value.SerializerOptions, http, out var refused);
            if (rows is null)
            {
                return refused!;
            }

            entries = rows.Select((r, i) => r is null ? null : new ReferenceEntry(i + 1, r.Indicator, r.Label, Figure.Of(r.Measure))).ToArray();
        }

        return Saved(await national.ImportReferencesAsync(actor, id, entries, cancellationToken), http);
    }

    private static async Task<IResult> SaveTableAsync(
        int year, string? framework, bool replace, HttpContext http, CurrentActor current, NationalService national, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Results.Unauthorized();
        }

        var (body, csv, failure) = await ReadBodyAsync(http, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        IReadOnlyList<NationalEntry?> entries;
        if (csv)
        {
            var columns = await national.ColumnsAsync(framework, cancellationToken);
            if (!columns.Succeeded)
            {
                return Saved(columns.As<int>(), http);
            }

            var read = NationalCsv.Read(body, columns.Value!.Select(c => c.Code).ToArray());
            if (!read.Succeeded)
            {
                return CsvProblem(read.Diagnostics, ApiResults.LanguageOf(http));
            }

            entries = Entries(read.Rows);
        }
        else
        {
            var rows = Deserialize<NationalRowDto>(body, json.Value.SerializerOptions, http, out var refused);
            if (rows is null)
            {
                return refused!;
            }

            entries = rows.Select((r, i) => r is null
                    ? null
                    : new NationalEntry(
                        i + 1,
                        r.Province,
                        r.Own switch { true => "1", false => "0", null => null },
                        Figure.Of(r.Total),
                        Figure.Of(r.Rank),
                        r.Source,
                        r.MainIndices?.Select(m => m is null ? null : new NationalMainIndexEntry(m.Code, Figure.Of(m.Points), Figure.Of(m.Rank))).ToArray()))
                .ToArray();
        }

        return Saved(await national.SaveTableAsync(actor, year, framework, entries, replace, cancellationToken), http);
    }

    /// <summary>The rows of a reference CSV as the use case takes them (each with its line).</summary>
    public static IReadOnlyList<ReferenceEntry?> References(IReadOnlyList<ReferenceCsvRow> rows) =>
        rows.Select(r => (ReferenceEntry?)new ReferenceEntry(r.Line, r.Indicator, r.Label, Figure.Of(r.Measure))).ToArray();

    /// <summary>The rows of a national table CSV as the use case takes them (each with its line).</summary>
    public static IReadOnlyList<NationalEntry?> Entries(IReadOnlyList<NationalCsvRow> rows) =>
        rows.Select(r => (NationalEntry?)new NationalEntry(
                r.Line,
                r.Province,
                r.Own,
                Figure.Of(r.Total),
                Figure.Of(r.Rank),
                r.Source,
                r.MainIndices.Select(m => (NationalMainIndexEntry?)new NationalMainIndexEntry(m.Code, Figure.Of(m.Points), Figure.Of(m.Rank))).ToArray()))
            .ToArray();

    /// <summary>The body, whether it is CSV, or the answer refusing it (type, size).</summary>
    private static async Task<(byte[] Body, bool Csv, IResult? Failure)> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var mediaType = (http.Request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        var csv = mediaType is "text/csv" or "application/csv" or "text/plain";
        if (!csv && mediaType is not ("application/json" or "text/json"))
        {
            return ([], false, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "NationalUnsupportedType", http));
        }

        try
        {
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            {
                serverLimit.MaxRequestBodySize = MaxBodyBytes + 1;
            }

            using var buffer = new MemoryStream();
            await new LimitedReadStream(http.Request.Body, MaxBodyBytes).CopyToAsync(buffer, cancellationToken);
            return (buffer.ToArray(), csv, null);
        }
        catch (LimitedReadStream.LimitExceededException)
        {
            return ([], csv, ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "RequestTooLarge", http));
        }
    }

    private static List<T?>? Deserialize<T>(byte[] body, JsonSerializerOptions options, HttpContext http, out IResult? refused)
        where T : class
    {
        var language = ApiResults.LanguageOf(http);
        refused = null;
        try
        {
            if (JsonSerializer.Deserialize<List<T?>>(body, options) is { } rows)
            {
                return rows;
            }

            refused = ApiResults.Problem(StatusCodes.Status400BadRequest, "NationalJsonNotArray", http);
            return null;
        }
        catch (JsonException e)
        {
            refused = Results.Problem(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = BadRequests.Text(language, "RequestUnreadable"), Detail = BadRequests.Describe(e, language) });
            return null;
        }
    }

    /// <summary>200 with how many rows there now are; a refusal with each problem, its row and indicator.</summary>
    private static IResult Saved(Outcome<int> outcome, HttpContext http)
    {
        if (outcome.Succeeded)
        {
            return Results.Ok(new NationalSavedDto(outcome.Value));
        }

        var language = ApiResults.LanguageOf(http);
        var details = new ProblemDetails { Status = ApiResults.StatusOf(outcome.Status), Title = outcome.Message?.ToString(language) };
        if (outcome.Problems.Count > 0)
        {
            details.Extensions["problems"] = outcome.Problems
                .Select(p => new NationalProblemDto(p.Code, p.Row, Excerpt.Of(p.Unit), Excerpt.Of(p.Indicator), Excerpt.Of(p.Input), p.Message.ToString(language)))
                .ToArray();
        }

        return Results.Problem(details);
    }

    /// <summary>A CSV of the wrong shape: 400 with each problem and its line.</summary>
    private static IResult CsvProblem(IReadOnlyList<Core.Diagnostics.Diagnostic> diagnostics, Language language)
    {
        var errors = diagnostics.Where(d => d.IsError).ToArray();
        var details = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = BadRequests.Text(language, "NationalCsvInvalid", errors.Length) };
        details.Extensions["problems"] = errors.Select(d => new NationalProblemDto(d.Code, d.Location.Line, null, null, null, d.Message(language))).ToArray();
        return Results.Problem(details);
    }

    public static ReferencesDto Dto(PeriodReferences references) => new(
        references.Period.Id,
        references.Items.Select(i => new ReferenceItemDto(i.Indicator, i.Name, i.Label, i.Measure)).ToArray(),
        references.Unreferenced,
        references.ImportedAt,
        references.ImportedBy);

    public static NationalTableDto Dto(NationalTable table) => new(
        table.Year,
        table.FrameworkCode,
        table.TotalPoints,
        table.Columns.Select(c => new NationalColumnDto(c.Code, c.Name, c.MaxPoints)).ToArray(),
        table.Provinces.Select(Dto).ToArray());

    public static NationalProvinceDto Dto(NationalProvince p) => new(
        p.Province, p.Own, p.Total, p.Dti, p.Rank, p.Source, p.MainIndices.Select(m => new NationalIndexDto(m.Code, m.Points, m.Value, m.Rank)).ToArray());

    public static EstimateDto Dto(NationalEstimate e) => new(
        e.Period.Id,
        e.UnitCode,
        e.UnitName,
        e.FrameworkCode,
        e.Total,
        e.Dti,
        e.Rank,
        e.RankedAmong,
        e.TableYear,
        e.MainIndices.Select(m => new EstimateIndexDto(m.Code, m.Name, m.MaxPoints, m.Points, m.Value, m.LastYear is { } l ? new NationalIndexDto(l.Code, l.Points, l.Value, l.Rank) : null)).ToArray(),
        e.LastYear is { } last ? Dto(last) : null,
        e.References,
        e.Unreferenced);
}

/// <summary>A reference value sent to <c>PUT /api/periods/{id}/references</c>.</summary>
/// <param name="Indicator">A min-max or relative-to-best indicator of the period's framework.</param>
/// <param name="Label">Where it comes from ("Cao nhất cả nước 2022"); empty: the indicator's code.</param>
/// <param name="Measure">The measure as the rule measures it (a ratio as 0–1).</param>
public sealed record ReferenceRowDto(string? Indicator, string? Label, decimal? Measure);

/// <summary>A period's reference values.</summary>
public sealed record ReferencesDto(int Period, IReadOnlyList<ReferenceItemDto> Items, IReadOnlyList<string> Unreferenced, DateTime? ImportedAt, string? ImportedBy);

/// <summary>A reference value.</summary>
public sealed record ReferenceItemDto(string Indicator, string Name, string Label, decimal Measure);

/// <summary>How many rows there now are.</summary>
public sealed record NationalSavedDto(int Count);

/// <summary>A problem of a reference or national import: its code, row (line), province, indicator or main index, field and message.</summary>
public sealed record NationalProblemDto(string Code, int? Row, string? Province, string? Indicator, string? Input, string Message);

/// <summary>A province's result sent to <c>PUT</c> or <c>POST /api/national/{year}</c>.</summary>
/// <param name="Province">The province's name as published.</param>
/// <param name="Own">Whether it is this installation's province.</param>
/// <param name="Total">Total points (of 1.000).</param>
/// <param name="Rank">National rank.</param>
/// <param name="Source">Where it was published.</param>
/// <param name="MainIndices">Points and rank per main index.</param>
public sealed record NationalRowDto(string? Province, bool? Own, decimal? Total, int? Rank, string? Source, List<NationalIndexRowDto?>? MainIndices);

/// <summary>A main index's published points and rank, sent.</summary>
public sealed record NationalIndexRowDto(string? Code, decimal? Points, int? Rank);

/// <summary>A year's national table.</summary>
public sealed record NationalTableDto(int Year, string Framework, decimal TotalPoints, IReadOnlyList<NationalColumnDto> Columns, IReadOnlyList<NationalProvinceDto> Provinces);

/// <summary>A main index column.</summary>
public sealed record NationalColumnDto(string Code, string Name, decimal MaxPoints);

/// <summary>A province's result with the derived 0–1 values (<c>dti</c> = total / 1.000; a main index's <c>value</c> = points / max).</summary>
public sealed record NationalProvinceDto(string Province, bool Own, decimal Total, decimal Dti, int? Rank, string? Source, IReadOnlyList<NationalIndexDto> MainIndices);

/// <summary>A main index's points, 0–1 value and rank.</summary>
public sealed record NationalIndexDto(string Code, decimal Points, decimal Value, int? Rank);

/// <summary>The national estimate of a province-level period.</summary>
public sealed record EstimateDto(
    int Period,
    string Unit,
    string UnitName,
    string Framework,
    decimal Total,
    decimal Dti,
    int? Rank,
    int RankedAmong,
    int TableYear,
    IReadOnlyList<EstimateIndexDto> MainIndices,
    NationalProvinceDto? LastYear,
    int References,
    IReadOnlyList<string> Unreferenced);

/// <summary>A main index of the estimate, with last year's official result.</summary>
public sealed record EstimateIndexDto(string Code, string Name, decimal MaxPoints, decimal Points, decimal Value, NationalIndexDto? LastYear);
