using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenDti.Application.Plans;
using OpenDti.Exchange.Plans;
using OpenDti.Data.Plans;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>A period's plans (phân công): who guides, leads and coordinates each indicator, targets, deadlines (docs/plans.md).</summary>
internal static class PlanEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Plans");

        group.MapGet("/plan", async (int id, string? unit, CurrentActor current, PlanService plans, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await plans.GetAsync(actor, id, unit, cancellationToken), http, Dto)))
            .WithSummary("Kế hoạch phân công của một đơn vị trong kỳ (unit= khi kỳ có nhiều đơn vị) / A member's plan in the period (unit= when the cohort has several)");

        group.MapPut("/plan", async (int id, string? unit, List<PlanRowDto?> body, CurrentActor current, PlanService plans, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var changes = body.Select(r => r is null
                            ? null
                            : new PlanRowChange(
                                r.Indicator ?? string.Empty, r.GuidingBody, r.LeadUnit, r.CoordinatingUnits, r.Target, r.Deadline, r.Note, r.Classification, r.ClassificationReason, r.Version))
                        .ToArray();
                    return ApiResults.From(await plans.SaveAsync(actor, id, unit, changes, cancellationToken), http, Dto);
                }))
            .WithSummary("Ghi các dòng kế hoạch (mỗi dòng thay cả dòng; cả yêu cầu hợp lệ mới được lưu) / Save plan rows (each replaces its row; all or nothing)");

        group.MapPost("/plan/copy", async (int id, int? from, CurrentActor current, PlanService plans, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => from is null
                    ? ApiResults.Problem(StatusCodes.Status400BadRequest, "PlanCopyFromMissing", http)
                    : ApiResults.From(await plans.CopyAsync(actor, id, from.Value, cancellationToken), http, n => new PlanCopiedDto(n))))
            .WithSummary("Sao chép kế hoạch của kỳ khác (from=) sang kỳ này / Copy another period's plan (from=) into this one");

        group.MapPut("/baseline", ImportBaselineAsync)
            .WithSummary("Nhập kết quả năm trước (điểm theo đơn vị và chỉ tiêu; JSON hoặc CSV unit,indicator,points,measure), thay bản đã nhập / Import last year's points per unit and indicator (JSON or CSV unit,indicator,points,measure), replacing the previous import")
            .Accepts<List<BaselineRowDto>>("application/json", "text/csv")
            .Produces<BaselineImportedDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The largest baseline body read, in bytes (a province's every unit and node fits many times).</summary>
    public const long MaxBaselineBytes = 10 * 1024 * 1024;

    private static async Task<IResult> ImportBaselineAsync(
        int id, HttpContext http, CurrentActor current, PlanService plans, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Results.Unauthorized();
        }

        var language = ApiResults.LanguageOf(http);
        var mediaType = (http.Request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        var csv = mediaType is "text/csv" or "application/csv" or "text/plain";
        if (!csv && mediaType is not ("application/json" or "text/json"))
        {
            return ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "PlanBaselineUnsupportedType", http);
        }

        byte[] body;
        try
        {
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            {
                serverLimit.MaxRequestBodySize = MaxBaselineBytes + 1;
            }

            using var buffer = new MemoryStream();
            await new LimitedReadStream(http.Request.Body, MaxBaselineBytes).CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (LimitedReadStream.LimitExceededException)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "RequestTooLarge", http);
        }

        IReadOnlyList<BaselineEntry> entries;
        if (csv)
        {
            var read = BaselineCsv.Read(body);
            if (!read.Succeeded)
            {
                return CsvProblem(read.Diagnostics, language);
            }

            entries = Entries(read.Rows);
        }
        else
        {
            List<BaselineRowDto?>? rows;
            try
            {
                rows = JsonSerializer.Deserialize<List<BaselineRowDto?>>(body, json.Value.SerializerOptions);
            }
            catch (JsonException e)
            {
                return Results.Problem(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = BadRequests.Text(language, "RequestUnreadable"), Detail = BadRequests.Describe(e, language) });
            }

            if (rows is null)
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, "PlanBaselineJsonNotArray", http);
            }

            entries = rows.Select((r, i) => new BaselineEntry(i + 1, r?.Unit, r?.Indicator, r?.Points, r?.Measure)).ToArray();
        }

        return ApiResults.From(await plans.ImportBaselineAsync(actor, id, entries, cancellationToken), http, n => new BaselineImportedDto(n));
    }

    /// <summary>The rows of a baseline CSV as the use case takes them (each with its line).</summary>
    public static IReadOnlyList<BaselineEntry> Entries(IReadOnlyList<BaselineCsvRow> rows) =>
        rows.Select(r => new BaselineEntry(r.Line, r.Unit, r.Indicator, r.Points, r.Measure)).ToArray();

    /// <summary>A baseline CSV of the wrong shape: 400 with each problem and its line.</summary>
    private static IResult CsvProblem(IReadOnlyList<Core.Diagnostics.Diagnostic> diagnostics, Core.Text.Language language)
    {
        var errors = diagnostics.Where(d => d.IsError).ToArray();
        var details = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = BadRequests.Text(language, "PlanBaselineCsvInvalid", errors.Length) };
        details.Extensions["problems"] = errors.Select(d => new BaselineCsvProblemDto(d.Code, d.Location.Line, d.Message(language))).ToArray();
        return Results.Problem(details);
    }

    /// <summary>The plan as the API gives it.</summary>
    public static PlanDto Dto(PeriodPlan plan) => new(
        PeriodEndpoints.Dto(plan.Period),
        plan.UnitCode,
        plan.UnitName,
        plan.CanEdit,
        plan.LastYearPeriodId,
        plan.Items.Select(i => new PlanItemDto(
                i.Indicator,
                i.Name,
                i.Kind.ToString(),
                i.Depth,
                i.MaxPoints,
                i.GuidingBody,
                i.LeadUnit?.Code,
                i.LeadUnit?.Name,
                i.CoordinatingUnits.Select(u => u.Code).ToArray(),
                i.LastYear is { } last
                    ? new LastYearDto(last.Points, last.MaxPoints, last.Measure, last.MeasureText, last.Source == BaselineSource.Published ? "published" : "imported", last.PeriodId, TrendEndpoints.Dto(last.Origin))
                    : null,
                i.PointsLost,
                Name(i.Classification),
                Name(i.DerivedClassification),
                i.ClassificationReason,
                i.Target,
                i.Deadline,
                i.Note,
                i.Version,
                i.UpdatedAt,
                i.UpdatedBy))
            .ToArray(),
        TrendEndpoints.Dto(plan.LastYearMerged));

    private static string? Name(PlanClassification? classification) => classification switch
    {
        PlanClassification.Maintain => "maintain",
        PlanClassification.Push => "push",
        _ => null,
    };
}

/// <summary>A plan row sent to <c>PUT /api/periods/{id}/plan</c>; the fields a GET adds are ignored.</summary>
public sealed record PlanRowDto(
    string? Indicator,
    string? GuidingBody,
    string? LeadUnit,
    IReadOnlyList<string?>? CoordinatingUnits,
    string? Target,
    string? Deadline,
    string? Note,
    string? Classification,
    string? ClassificationReason,
    int? Version);

/// <summary>A member's plan.</summary>
/// <remarks><c>lastYearMergedFrom</c>: set when the member did not exist last year and its baseline is the results of the units it absorbed ("gộp từ …").</remarks>
public sealed record PlanDto(PeriodDto Period, string Unit, string UnitName, bool CanEdit, int? LastYearPeriod, IReadOnlyList<PlanItemDto> Rows, MergedFromDto? LastYearMergedFrom = null);

/// <summary>A node of the plan (every node of the framework, with or without a row).</summary>
public sealed record PlanItemDto(
    string Indicator,
    string Name,
    string Kind,
    int Depth,
    decimal MaxPoints,
    string? GuidingBody,
    string? LeadUnit,
    string? LeadUnitName,
    IReadOnlyList<string> CoordinatingUnits,
    LastYearDto? LastYear,
    decimal? PointsLost,
    string? Classification,
    string? DerivedClassification,
    string? ClassificationReason,
    string? Target,
    string? Deadline,
    string? Note,
    int Version,
    DateTime? UpdatedAt,
    string? UpdatedBy);

/// <summary>Last year's result of a node; <c>from</c>: set when it is another node's of last year's framework, through the confirmed crosswalk.</summary>
public sealed record LastYearDto(decimal Points, decimal MaxPoints, decimal? Measure, string? MeasureText, string Source, int? Period, NodeOriginDto? From = null);

/// <summary>How many rows a copy made.</summary>
public sealed record PlanCopiedDto(int Copied);

/// <summary>A row of last year's results: the points may be a number or text ("8,5").</summary>
public sealed record BaselineRowDto(string? Unit, string? Indicator, [property: JsonConverter(typeof(ValueTextConverter))] string? Points, string? Measure);

/// <summary>How many baseline rows were imported.</summary>
public sealed record BaselineImportedDto(int Imported);

/// <summary>A problem of a baseline CSV's shape: its code, line and message.</summary>
public sealed record BaselineCsvProblemDto(string Code, int? Line, string Message);
