using System.Text.Json;
using System.Text.Json.Serialization;
using OpenDti.Application.Audit;
using OpenDti.Application.Results;
using OpenDti.Application.Tables;
using OpenDti.Application.Values;
using OpenDti.Data.Audit;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>A unit's values, scorecard and audit in a period, and the period's results.</summary>
internal static class ValueEndpoints
{
    /// <summary>The header of a save's warnings (docs/api.md, "Checks between inputs").</summary>
    public const string WarningsHeader = "OpenDti-Warnings";

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Values and results");

        group.MapGet("/units/{unitCode}/values", async (int id, string unitCode, CurrentActor current, ValueService values, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await values.GetAsync(actor, id, unitCode, cancellationToken), http, v => v.Values.Select(Dto).ToArray())))
            .WithSummary("Số liệu đơn vị đã kê khai / A unit's values");

        group.MapPut("/units/{unitCode}/values", async (int id, string unitCode, string? reason, List<ValueChangeDto?> body, CurrentActor current, ValueService values, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    // A null item ([null]) names no indicator: the use case refuses it with the others.
                    var changes = body.Select(c => new ValueChange(c?.Indicator ?? string.Empty, c?.Input ?? string.Empty, c?.Value, c?.Version)).ToArray();
                    var saved = await values.SaveAsync(actor, id, unitCode, changes, AuditChannel.Api, reason, cancellationToken: cancellationToken);
                    if (saved.Succeeded && saved.Value!.Warnings.Count > 0)
                    {
                        // Saved, but breaking a `level: warn` check: the warnings ride along in a header, so that the body stays
                        // the values it always was. JSON with every non-ASCII character escaped: a header carries it safely.
                        var language = ApiResults.LanguageOf(http);
                        http.Response.Headers[WarningsHeader] = JsonSerializer.Serialize(
                            saved.Value.Warnings.Select(w => new ProblemItem(w.Code, w.Indicator, w.Input, w.Message.ToString(language))),
                            JsonSerializerOptions.Web);
                    }

                    return ApiResults.From(saved, http, v => v.Values.Select(Dto).ToArray());
                }))
            .WithSummary("Ghi số liệu: cả yêu cầu hợp lệ mới được lưu; cảnh báo (nếu có) ở tiêu đề OpenDti-Warnings / Save values: all or nothing; warnings, if any, in the OpenDti-Warnings header");

        group.MapGet("/results", async (int id, string? format, string? level, string? parent, CurrentActor current, Application.Lists.RankingFilterService ranking, TableService tables, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => await TableFiles.RespondAsync(
                    format,
                    http,
                    async () => ApiResults.From(await ranking.ResultsAsync(actor, id, level, parent, cancellationToken), http, r => new ResultsDto(
                        PeriodEndpoints.Dto(r.Period),
                        r.Units.Select(u => new UnitResultDto(
                            u.UnitCode, u.UnitName, u.Total, u.Rank, u.Submitted, u.Complete,
                            u.MainIndices.Select(m => new MainIndexDto(m.Code, m.Name, m.Points, m.MaxPoints, m.Rank)).ToArray(),
                            u.NotSubmitted)).ToArray())),
                    () => tables.RankingAsync(actor, id, ApiResults.LanguageOf(http), cancellationToken))))
            .WithSummary("Kết quả và xếp hạng của kỳ đánh giá; ?level=&parent=: chỉ liệt kê đơn vị của một cấp hoặc trực thuộc một đơn vị (thứ hạng vẫn là thứ hạng trong cả kỳ); ?format=xlsx|csv: bảng xếp hạng, có thay đổi so với năm trước / A period's results and ranking; ?level=&parent=: list only the units of a level or directly under a unit (the rank stays the cohort's); ?format=xlsx|csv: the ranking as a file, with last year's change");

        group.MapGet("/units/{unitCode}/scorecard", async (int id, string unitCode, string? format, CurrentActor current, ResultService results, TableService tables, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => await TableFiles.RespondAsync(
                    format,
                    http,
                    async () => ApiResults.From(await results.ScorecardAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken), http, s => new ScorecardDto(
                        s.UnitCode, s.UnitName, s.Total, s.Rank,
                        s.Nodes.Select(n => new ScorecardNodeDto(n.Code, n.Name, n.Kind.ToString(), n.Depth, n.Points, n.MaxPoints, n.Fraction, n.Measure, n.Flags, n.Explanation)).ToArray(),
                        s.NotSubmitted)),
                    () => tables.ScorecardAsync(actor, id, unitCode, ApiResults.LanguageOf(http), cancellationToken))))
            .WithSummary("Phiếu điểm của đơn vị, giải thích từng điểm; ?format=xlsx|csv: dưới dạng tệp / A unit's scorecard, every point explained; ?format=xlsx|csv: as a file");

        group.MapGet("/units/{unitCode}/audit", async (int id, string unitCode, string? indicator, CurrentActor current, AuditService audit, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await audit.ListAsync(actor, id, unitCode, indicator, cancellationToken), http, entries => entries.Select(Dto).ToArray())))
            .WithSummary("Nhật ký thay đổi số liệu của đơn vị / The audit of a unit's values");
    }

    private static ValueDto Dto(ValueItem v) => new(v.Indicator, v.Input, v.Value, v.Version, v.UpdatedAt, v.UpdatedBy);

    private static AuditDto Dto(AuditItem a) =>
        new(a.At, a.UserName, a.Indicator, a.Input, a.OldValue, a.NewValue, a.Channel.ToString().ToLowerInvariant(), a.Reason, AuditService.Name(a.Kind), a.ActorUnit);
}

/// <summary>A value to save. <c>value</c> may be text ("1234,5", "35%", "có", an option key), a number, true/false, or null to remove it.</summary>
public sealed record ValueChangeDto(string? Indicator, string? Input, [property: JsonConverter(typeof(ValueTextConverter))] string? Value, int? Version);

/// <summary>A stored value.</summary>
public sealed record ValueDto(string Indicator, string Input, string Value, int Version, DateTime UpdatedAt, string UpdatedBy);

/// <summary>A period's results.</summary>
public sealed record ResultsDto(PeriodDto Period, IReadOnlyList<UnitResultDto> Units);

/// <summary>A unit's result; <c>notSubmitted</c>: in a published period, published as "không gửi hồ sơ" (its review not completed).</summary>
public sealed record UnitResultDto(string UnitCode, string UnitName, decimal Total, int Rank, bool Submitted, bool Complete, IReadOnlyList<MainIndexDto> MainIndices, bool NotSubmitted = false);

/// <summary>A main index's result.</summary>
public sealed record MainIndexDto(string Code, string Name, decimal Points, decimal MaxPoints, int Rank);

/// <summary>A unit's scorecard; <c>notSubmitted</c>: in a published period, published as "không gửi hồ sơ".</summary>
public sealed record ScorecardDto(string UnitCode, string UnitName, decimal Total, int Rank, IReadOnlyList<ScorecardNodeDto> Nodes, bool NotSubmitted = false);

/// <summary>A node of a scorecard.</summary>
public sealed record ScorecardNodeDto(string Code, string Name, string Kind, int Depth, decimal Points, decimal MaxPoints, decimal Fraction, decimal? Measure, IReadOnlyList<string> Flags, string Explanation);

/// <summary>An audited change of a unit's values: <c>kind</c> is value, evidence (input <c>#evidence</c>) or adjustment.</summary>
/// <remarks><c>actorUnit</c>: the name of the unit whose reporter entered it as a plan's delegate (docs/plans.md#delegated-entry), when one did.</remarks>
public sealed record AuditDto(DateTime At, string UserName, string Indicator, string Input, string? OldValue, string? NewValue, string Channel, string? Reason, string Kind, string? ActorUnit = null);
