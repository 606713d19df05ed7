using OpenDti.Application.Checks;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// Checks as appraisers make them (docs/review.md, "Evidence checks"; docs/frameworks.md, "Checks between
/// inputs"): the rules between a unit's inputs its figures break, and the evidence flags of a unit or of a
/// whole period. Read only; the rules are <see cref="CheckService"/>'s.
/// </summary>
internal static class CheckEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Checks");

        group.MapGet("/units/{unitCode}/input-checks", async (int id, string unitCode, CurrentActor current, CheckService checks, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var language = ApiResults.LanguageOf(http);
                    return ApiResults.From(await checks.InputChecksAsync(actor, id, unitCode, cancellationToken), http, items => items
                        .Select(i => new InputCheckDto(i.Indicator, i.Input, i.Refuses ? "refuse" : "warn", i.Message.ToString(language))).ToArray());
                }))
            .WithSummary("Các ràng buộc giữa đầu vào mà số liệu của đơn vị vi phạm / The rules between inputs a unit's figures break")
            .Produces<InputCheckDto[]>();

        group.MapGet("/units/{unitCode}/evidence-checks", async (int id, string unitCode, CurrentActor current, CheckService checks, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var language = ApiResults.LanguageOf(http);
                    return ApiResults.From(await checks.EvidenceAsync(actor, id, unitCode, cancellationToken), http, u => Dto(u, language));
                }))
            .WithSummary("Kiểm tra minh chứng của đơn vị như người thẩm định: số hiệu, ngày, tệp dùng lại / A unit's evidence checked as appraisers check it")
            .Produces<UnitEvidenceChecksDto>();

        group.MapGet("/evidence-checks", async (int id, CurrentActor current, CheckService checks, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var language = ApiResults.LanguageOf(http);
                    return ApiResults.From(await checks.PeriodEvidenceAsync(actor, id, cancellationToken), http, p => new PeriodEvidenceChecksDto(
                        p.PeriodId, p.Units.Sum(u => u.Count), p.Units.Select(u => Dto(u, language)).ToArray()));
                }))
            .WithSummary("Kiểm tra minh chứng của mọi đơn vị trong kỳ / Every unit's evidence checks in a period")
            .Produces<PeriodEvidenceChecksDto>();
    }

    private static UnitEvidenceChecksDto Dto(UnitEvidenceChecks unit, Core.Text.Language language) => new(
        unit.UnitCode,
        unit.UnitName,
        unit.Count,
        unit.Indicators.Select(i => new IndicatorEvidenceFlagsDto(
            i.Indicator,
            i.Name,
            i.Flags.Select(f => new EvidenceFlagDto(Kind(f.Kind), f.EvidenceId, f.FileName, f.Message.ToString(language))).ToArray())).ToArray());

    /// <summary>The flag's kind as the API names it: <c>no_evidence</c>, <c>no_number</c>, <c>no_date</c>, <c>outside_year</c>, <c>after_close</c>, <c>reused_in_unit</c>, <c>reused_across_units</c>.</summary>
    internal static string Kind(EvidenceFlagKind kind) => kind switch
    {
        EvidenceFlagKind.NoEvidence => "no_evidence",
        EvidenceFlagKind.NoNumber => "no_number",
        EvidenceFlagKind.NoDate => "no_date",
        EvidenceFlagKind.OutsideYear => "outside_year",
        EvidenceFlagKind.AfterClose => "after_close",
        EvidenceFlagKind.ReusedInUnit => "reused_in_unit",
        _ => "reused_across_units",
    };
}

/// <summary>A rule between inputs that a unit's figures break; <c>level</c> is <c>refuse</c> or <c>warn</c>.</summary>
public sealed record InputCheckDto(string Indicator, string? Input, string Level, string Message);

/// <summary>A flag on an indicator's evidence (never a refusal).</summary>
public sealed record EvidenceFlagDto(string Kind, long? EvidenceId, string? FileName, string Message);

/// <summary>An indicator's evidence flags.</summary>
public sealed record IndicatorEvidenceFlagsDto(string Indicator, string Name, IReadOnlyList<EvidenceFlagDto> Flags);

/// <summary>A unit's evidence flags, indicator by indicator (only indicators with a flag).</summary>
public sealed record UnitEvidenceChecksDto(string UnitCode, string UnitName, int Count, IReadOnlyList<IndicatorEvidenceFlagsDto> Indicators);

/// <summary>Every unit's evidence flags in a period.</summary>
public sealed record PeriodEvidenceChecksDto(int PeriodId, int Count, IReadOnlyList<UnitEvidenceChecksDto> Units);
