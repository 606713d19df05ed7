using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Exchange.Values;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// Values for many units at once, for other systems (docs/api.md, "Values from other systems"): JSON
/// <c>[{"unit","indicator","input","value"}]</c> or CSV with the command line's columns, all or nothing,
/// with an optional <c>Idempotency-Key</c>.
/// </summary>
internal static class BulkValueEndpoints
{
    /// <summary>The header that makes a retry safe.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The largest body read, in bytes (20 MB: 50.000 values with room to spare).</summary>
    public const long MaxBodyBytes = 20 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/periods/{id:int}/values", SaveAsync)
            .WithTags("Values and results")
            .WithSummary("Ghi số liệu của nhiều đơn vị một lần (JSON hoặc CSV unit,indicator,input,value), cả yêu cầu hoặc không gì cả; Idempotency-Key để gửi lại an toàn / Save many units' values at once (JSON or CSV unit,indicator,input,value), all or nothing; Idempotency-Key makes a retry safe")
            .Accepts<List<BulkValueDto>>("application/json", "text/csv")
            .Produces<BulkSaveDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> SaveAsync(
        int id, HttpContext http, CurrentActor current, BulkValueService values, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Results.Unauthorized();
        }

        var language = ApiResults.LanguageOf(http);
        var mediaType = (http.Request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        var csv = mediaType is "text/csv" or "application/csv";
        if (!csv && mediaType is not ("application/json" or "text/json"))
        {
            return ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "BulkUnsupportedType", http);
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(http, cancellationToken);
        }
        catch (LimitedReadStream.LimitExceededException)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "RequestTooLarge", http);
        }

        var (rows, unreadable) = csv ? FromCsv(body, language) : FromJson(body, json.Value.SerializerOptions, language);
        if (unreadable is not null)
        {
            return unreadable;
        }

        IdempotencyRequest? idempotency = null;
        if (http.Request.Headers.TryGetValue(IdempotencyHeader, out var keys))
        {
            var hash = new StringBuilder().Append("PUT /api/periods/").Append(id).Append("/values\n").Append(csv ? "csv" : "json").Append('\n').ToString();
            idempotency = new IdempotencyRequest(
                keys.Count == 1 ? keys[0] ?? string.Empty : string.Empty,
                Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(hash), .. body])));
        }

        var outcome = await values.SaveAsync(actor, id, rows!, idempotency, cancellationToken);
        if (outcome.Succeeded)
        {
            var result = outcome.Value!;
            if (result.Replayed)
            {
                http.Response.Headers["Idempotency-Replayed"] = "true";
            }

            return Results.Ok(new BulkSaveDto(result.PeriodId, result.Values, result.Changed, result.Units.Select(u => new BulkUnitDto(u.Unit, u.Values, u.Changed)).ToArray(), result.Replayed));
        }

        return Problems(ApiResults.StatusOf(outcome.Status), outcome.Message?.ToString(language) ?? string.Empty, outcome.Problems, csv, language);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        using var buffer = new MemoryStream();
        await new LimitedReadStream(http.Request.Body, MaxBodyBytes).CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static (IReadOnlyList<BulkValue>? Rows, IResult? Problem) FromCsv(byte[] body, Language language)
    {
        var read = ValueRowsCsvReader.Read(body);
        if (!read.Succeeded)
        {
            var problems = read.Diagnostics.Where(d => d.IsError)
                .Select(d => new BulkProblemDto(d.Code, d.Location.Line, null, null, null, null, d.Message(language)))
                .ToArray();
            return (null, Problem(StatusCodes.Status400BadRequest, BadRequests.Text(language, "BulkCsvInvalid", problems.Length), problems));
        }

        return (read.Rows.Select(r => new BulkValue(r.Line, r.Unit, r.Indicator, r.Input, r.Value)).ToArray(), null);
    }

    private static (IReadOnlyList<BulkValue>? Rows, IResult? Problem) FromJson(byte[] body, JsonSerializerOptions options, Language language)
    {
        List<BulkValueDto?>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<BulkValueDto?>>(body, options);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, BadRequests.Text(language, "RequestUnreadable"), null, BadRequests.Describe(e, language)));
        }

        if (items is null)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, BadRequests.Text(language, "BulkJsonNotArray"), null));
        }

        return (items.Select((item, index) => new BulkValue(index, item?.Unit, item?.Indicator, item?.Input, item?.Value)).ToArray(), null);
    }

    private static IResult Problems(int status, string title, IReadOnlyList<Application.Problem> problems, bool csv, Language language) =>
        Problem(status, title, problems.Select(p => new BulkProblemDto(
            p.Code, csv ? p.Row : null, csv ? null : p.Row, Excerpt.Of(p.Unit), Excerpt.Of(p.Indicator), Excerpt.Of(p.Input), p.Message.ToString(language))).ToArray());

    private static IResult Problem(int status, string title, IReadOnlyList<BulkProblemDto>? problems, string? detail = null)
    {
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (problems is { Count: > 0 })
        {
            details.Extensions["problems"] = problems;
        }

        return Results.Problem(details);
    }
}

/// <summary>A value of one unit: <c>value</c> as text, a number, true/false, or null/empty to remove it.</summary>
public sealed record BulkValueDto(string? Unit, string? Indicator, string? Input, [property: JsonConverter(typeof(ValueTextConverter))] string? Value);

/// <summary>What a request saved: values named, values changed, per unit; <c>replayed</c>: the stored answer to an earlier request with the same Idempotency-Key (nothing saved this time).</summary>
public sealed record BulkSaveDto(int PeriodId, int Values, int Changed, IReadOnlyList<BulkUnitDto> Units, bool Replayed);

/// <summary>What a request saved for one unit.</summary>
public sealed record BulkUnitDto(string Unit, int Values, int Changed);

/// <summary>A problem of a request about many units: <c>row</c> (the CSV line) or <c>index</c> (0-based, of the JSON item), the unit, indicator and input, and what is wrong.</summary>
public sealed record BulkProblemDto(
    string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Row,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Index,
    string? Unit,
    string? Indicator,
    string? Input,
    string Message);
