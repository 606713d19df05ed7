using OpenDti.Application.Audit;
using OpenDti.Application.Tables;
using OpenDti.Data.Audit;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// The whole audit (<c>GET /api/audit</c>) and the check of its chain (<c>GET /api/audit/verify</c>), for
/// administrators and evaluators. A unit's value audit stays at <c>/api/periods/{id}/units/{code}/audit</c>.
/// </summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit");

        group.MapGet("/", async (
                    string? unit, string? user, string? kind, string? from, string? to, string? period, string? before, string? limit, string? format,
                    CurrentActor current, AuditService audit, TableService tables, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => await TableFiles.RespondAsync(
                    format,
                    http,
                    async () => ApiResults.From(
                        await audit.SearchAsync(actor, new AuditQuery(unit, user, kind, from, to, period, before, limit), cancellationToken),
                        http,
                        page => new AuditPageDto(page.Items.Select(Dto).ToArray(), page.Next)),
                    () => tables.AuditAsync(actor, new AuditQuery(unit, user, kind, from, to, period, before, limit), ApiResults.LanguageOf(http), cancellationToken))))
            .WithSummary("Nhật ký mọi thay đổi làm đổi điểm hoặc quyền, mới nhất trước; ?format=xlsx|csv: dưới dạng tệp, không có limit thì tối đa 1.000 mục / The audit of every change that moves a score or a right, newest first; ?format=xlsx|csv: as a file, without a limit up to 1,000 entries");

        group.MapGet("/verify", async (CurrentActor current, AuditService audit, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await audit.VerifyAsync(actor, cancellationToken), http, Dto)))
            .WithSummary("Kiểm tra chuỗi băm của nhật ký / Check the audit's hash chain");
    }

    internal static AuditChainDto Dto(AuditChainReport report) => new(
        report.Intact,
        report.Count,
        report.LastSequence,
        report.LastHash,
        report.Break is { } broken ? new AuditBreakDto(broken.Sequence, broken.EntryId, broken.Kind.ToString().ToLowerInvariant()) : null);

    private static AuditRecordDto Dto(AuditRecord a) => new(
        a.Sequence,
        a.At,
        a.UserName,
        AuditService.Name(a.Kind),
        a.Channel.ToString().ToLowerInvariant(),
        a.PeriodId,
        a.PeriodName,
        a.UnitCode,
        a.Subject,
        a.Indicator,
        a.Input,
        a.OldValue,
        a.NewValue,
        a.Reason,
        a.ActorUnitCode);
}

/// <summary>A page of the audit, newest first; pass <c>next</c> as <c>before</c> for the following page (null on the last).</summary>
/// <param name="Items">The entries.</param>
/// <param name="Next">The <c>before</c> of the next page.</param>
public sealed record AuditPageDto(IReadOnlyList<AuditRecordDto> Items, long? Next);

/// <summary>An audit entry.</summary>
/// <param name="Sequence">Its place in the chain.</param>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Kind">value, evidence, adjustment, profile, unit, framework, period, exception, publication, appeal, account.</param>
/// <param name="Channel">page, api, import, seed, cli, system.</param>
/// <param name="PeriodId">The period, when the change belongs to one.</param>
/// <param name="PeriodName">Its name.</param>
/// <param name="UnitCode">The unit, when the change belongs to one.</param>
/// <param name="Subject">An account's user name, a framework's code, a profile's year, an appeal's number, the day a unit's change takes effect.</param>
/// <param name="Indicator">The indicator.</param>
/// <param name="Input">The input, or the field or step changed (role, locked, status, …).</param>
/// <param name="OldValue">Before.</param>
/// <param name="NewValue">After.</param>
/// <param name="Reason">Why.</param>
/// <param name="ActorUnit">The code of the unit the user entered it for as a plan's delegate (docs/plans.md#delegated-entry), when they did.</param>
public sealed record AuditRecordDto(
    long Sequence,
    DateTime At,
    string UserName,
    string Kind,
    string Channel,
    int? PeriodId,
    string? PeriodName,
    string? UnitCode,
    string? Subject,
    string? Indicator,
    string? Input,
    string? OldValue,
    string? NewValue,
    string? Reason,
    string? ActorUnit = null);

/// <summary>What the check of the audit chain found.</summary>
/// <param name="Intact">Whether every link holds.</param>
/// <param name="Count">Entries read.</param>
/// <param name="LastSequence">The last entry's place.</param>
/// <param name="LastHash">The last entry's hash: keep it elsewhere to detect entries cut from the end later.</param>
/// <param name="Break">The first broken link, or null.</param>
public sealed record AuditChainDto(bool Intact, long Count, long LastSequence, string? LastHash, AuditBreakDto? Break);

/// <summary>The first broken link of the audit chain.</summary>
/// <param name="Sequence">The place where it breaks.</param>
/// <param name="EntryId">The database id of the entry found there.</param>
/// <param name="Kind">edited, missing, link or unsealed.</param>
public sealed record AuditBreakDto(long Sequence, long EntryId, string Kind);
