using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Tables;
using OpenDti.Application.Units;
using OpenDti.Data.Units;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Units: the hierarchy, a unit with its history and general information, and changes over time.</summary>
internal static class UnitEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/units").WithTags("Units");

        group.MapGet("/", async (string? format, DateOnly? asOf, CurrentActor current, UnitDirectory units, TableService tables, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => asOf is { } day
                    ? Results.Ok((await units.ListAsOfAsync(day, cancellationToken)).Select(u => new UnitAsOfDto(u.Code, u.Name, u.Level.ToString().ToLowerInvariant(), u.ParentCode, u.Active)))
                    : await TableFiles.RespondAsync(
                        format,
                        http,
                        async () => Results.Ok((await units.ListAsync(cancellationToken)).Select(Dto)),
                        () => tables.UnitsAsync(actor, ApiResults.LanguageOf(http), cancellationToken))))
            .WithSummary("Các đơn vị; ?format=xlsx|csv: dưới dạng tệp; ?asOf=yyyy-MM-dd: tên và đơn vị cấp trên của ngày đó / Units; ?format=xlsx|csv: as a file; ?asOf=yyyy-MM-dd: the names and parents of that day");

        group.MapGet("/{code}", async (string code, int? year, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var unit = await units.GetAsync(code, cancellationToken);
                    if (unit.Succeeded && !AccessPolicy.CanReadUnit(actor, unit.Value!.Id))
                    {
                        return ApiResults.From(Outcome<Unit>.Forbidden(new AppMessage("UnitNotAllowed", code)), http, u => u);
                    }

                    if (!unit.Succeeded)
                    {
                        return ApiResults.From(unit, http, u => u);
                    }

                    var profileYear = year ?? DateTime.UtcNow.Year;
                    var profile = await units.ProfileAsync(unit.Value!.Id, profileYear, cancellationToken);
                    var history = await units.HistoryAsync(unit.Value.Id, cancellationToken);
                    var codes = history.Any(e => e.Kind == UnitEventKind.Moved)
                        ? (await units.ListAsync(cancellationToken)).ToDictionary(u => u.Id, u => u.Code)
                        : [];
                    string? Code(int? id) => id is { } i ? codes.GetValueOrDefault(i) : null;
                    return Results.Ok(new UnitDetailDto(
                        unit.Value.Code,
                        unit.Value.Name,
                        unit.Value.Level.ToString().ToLowerInvariant(),
                        unit.Value.ClosedOn,
                        profileYear,
                        profile,
                        history.Select(e => new UnitEventDto(e.Kind.ToString(), e.EffectiveOn, e.OldName, e.NewName, e.Note, Code(e.OldParentId), Code(e.NewParentId))).ToArray(),
                        unit.Value.NotScored));
                }))
            .WithSummary("Một đơn vị: thông tin chung theo năm và lịch sử / A unit: general information and history");

        group.MapPut("/{code}/profile/{year:int}", async (string code, int year, string? reason, Dictionary<string, decimal> values, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await units.SetProfileAsync(actor, code, year, values, reason, cancellationToken), http, _ => new { code, year })))
            .WithSummary("Ghi thông tin chung của đơn vị cho một năm (quản trị; được ghi nhật ký, ?reason= lý do) / Set a unit's general information (administrators; audited, ?reason= why)");

        group.MapPost("/", async (CreateUnitRequest body, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    if (!Enum.TryParse<UnitLevel>(body.Level, ignoreCase: true, out var level))
                    {
                        return ApiResults.Problem(StatusCodes.Status400BadRequest, "UnknownLevel", http);
                    }

                    return await UnitAsync(await units.CreateAsync(actor, body.Code, body.Name, level, body.ParentCode, body.ActiveFrom, body.NotScored ?? false, cancellationToken), units, http, cancellationToken);
                }))
            .WithSummary("Tạo đơn vị (quản trị; notScored: đơn vị không chấm điểm) / Create a unit (administrators; notScored: a unit that contributes without being scored)");

        group.MapPut("/{code}/not-scored", async (string code, NotScoredRequest body, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    body.NotScored is { } notScored
                        ? await UnitAsync(await units.SetNotScoredAsync(actor, code, notScored, cancellationToken), units, http, cancellationToken)
                        : ApiResults.Problem(StatusCodes.Status400BadRequest, "NotScoredRequired", http)))
            .WithSummary("Đánh dấu đơn vị không chấm điểm hoặc bỏ đánh dấu (quản trị; được ghi nhật ký) / Mark a unit as not scored or as scored (administrators; audited)");

        group.MapPost("/{code}/rename", async (string code, RenameUnitRequest body, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    await UnitAsync(await units.RenameAsync(actor, code, body.Name, body.EffectiveOn, body.Note, cancellationToken), units, http, cancellationToken)))
            .WithSummary("Đổi tên đơn vị (quản trị) / Rename a unit (administrators)");

        group.MapPost("/{code}/close", async (string code, CloseUnitRequest body, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    await UnitAsync(await units.CloseAsync(actor, code, body.EffectiveOn, body.Note, body.MoveChildrenTo, cancellationToken), units, http, cancellationToken)))
            .WithSummary("Ngừng hoạt động đơn vị (quản trị; moveChildrenTo: chuyển các đơn vị trực thuộc về đơn vị này cùng ngày) / Close a unit (administrators; moveChildrenTo: its units move under that unit the same day)");

        group.MapPost("/{code}/move", async (string code, MoveUnitRequest body, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    await UnitAsync(await units.MoveAsync(actor, code, body.ParentCode, body.EffectiveOn, body.Note, cancellationToken), units, http, cancellationToken)))
            .WithSummary("Chuyển đơn vị về trực thuộc đơn vị khác từ một ngày (quản trị; được ghi lịch sử và nhật ký) / Move a unit under another from a day (administrators; in its history and audited)");

        group.MapPost("/merge", async (MergeUnitsRequest body, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    await UnitAsync(await units.MergeAsync(actor, body.Sources, body.Code, body.Name, body.EffectiveOn, body.Note, body.ParentCode, cancellationToken), units, http, cancellationToken)))
            .WithSummary("Sáp nhập đơn vị (quản trị) / Merge units (administrators)");

        group.MapPost("/{code}/split", async (string code, SplitUnitRequest body, CurrentActor current, UnitDirectory units, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var split = await units.SplitAsync(actor, code, body.Parts.Select(p => (p.Code, p.Name)).ToArray(), body.KeepSource, body.EffectiveOn, body.Note, cancellationToken);
                    var parents = split.Succeeded ? await units.ParentCodesAsync(split.Value!, cancellationToken) : new Dictionary<int, string>();
                    return ApiResults.From(split, http, parts => parts.Select(p => UnitDto(p, parents)).ToArray());
                }))
            .WithSummary("Chia tách đơn vị (quản trị) / Split a unit (administrators)");
    }

    private static UnitDto Dto(UnitSummary u) => new(u.Code, u.Name, u.Level.ToString().ToLowerInvariant(), u.ParentCode, u.ClosedOn, u.NotScored);

    /// <summary>A unit a change answers with, and its parent's code (the change returns the unit, not its parent).</summary>
    private static async Task<IResult> UnitAsync(Outcome<Unit> outcome, UnitDirectory units, HttpContext http, CancellationToken cancellationToken)
    {
        var parents = outcome.Succeeded ? await units.ParentCodesAsync([outcome.Value!], cancellationToken) : new Dictionary<int, string>();
        return ApiResults.From(outcome, http, u => UnitDto(u, parents));
    }

    private static UnitDto UnitDto(Unit u, IReadOnlyDictionary<int, string> parents) =>
        new(u.Code, u.Name, u.Level.ToString().ToLowerInvariant(), u.ParentId is { } parent ? parents.GetValueOrDefault(parent) : null, u.ClosedOn, u.NotScored);
}

/// <summary>A unit; <c>notScored</c>: it contributes figures without being scored (never in a cohort or a ranking).</summary>
public sealed record UnitDto(string Code, string Name, string Level, string? ParentCode, DateOnly? ClosedOn, bool NotScored = false);

/// <summary>A unit with its general information for a year and its history.</summary>
public sealed record UnitDetailDto(string Code, string Name, string Level, DateOnly? ClosedOn, int ProfileYear, IReadOnlyDictionary<string, decimal> Profile, IReadOnlyList<UnitEventDto> History, bool NotScored = false);

/// <summary>An event of a unit's history.</summary>
public sealed record UnitEventDto(string Kind, DateOnly EffectiveOn, string? OldName, string? NewName, string? Note, string? OldParent = null, string? NewParent = null);

/// <summary>A new unit; <c>notScored</c>: a unit of the department level, under the province or a district, that contributes without being scored.</summary>
public sealed record CreateUnitRequest(string Code, string Name, string Level, string? ParentCode, DateOnly? ActiveFrom, bool? NotScored = null);

/// <summary>Whether a unit contributes without being scored.</summary>
public sealed record NotScoredRequest(bool? NotScored);

/// <summary>A rename.</summary>
public sealed record RenameUnitRequest(string Name, DateOnly EffectiveOn, string? Note);

/// <summary>A closure.</summary>
public sealed record CloseUnitRequest(DateOnly EffectiveOn, string? Note, string? MoveChildrenTo = null);

/// <summary>A move under another parent from a day.</summary>
public sealed record MoveUnitRequest(string? ParentCode, DateOnly EffectiveOn, string? Note);

/// <summary>A unit as it was on a day: its name and parent then; <c>active</c>: it existed (not yet closed) that day.</summary>
public sealed record UnitAsOfDto(string Code, string Name, string Level, string? ParentCode, bool Active);

/// <summary>A merge of units into a new one.</summary>
public sealed record MergeUnitsRequest(IReadOnlyList<string> Sources, string Code, string Name, DateOnly EffectiveOn, string? Note, string? ParentCode = null);

/// <summary>A split of a unit into new ones.</summary>
public sealed record SplitUnitRequest(IReadOnlyList<NewUnitPart> Parts, bool KeepSource, DateOnly EffectiveOn, string? Note);

/// <summary>A unit created by a split.</summary>
public sealed record NewUnitPart(string Code, string Name);
