using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Results;
using OpenDti.Data;
using OpenDti.Data.Units;

namespace OpenDti.Application.Lists;

/// <summary>What a ranking lists: the units of one level, or directly under one unit. The rank stays the cohort's.</summary>
/// <param name="Level">Only the units of this level.</param>
/// <param name="Parent">Only the units directly under the unit of this code.</param>
public sealed record RankingFilter(UnitLevel? Level = null, string? Parent = null)
{
    /// <summary>No filter: the whole cohort.</summary>
    public static RankingFilter None { get; } = new();

    /// <summary>Whether the filter keeps every unit.</summary>
    public bool IsNone => Level is null && Parent is null;
}

/// <summary>A unit a ranking can be filtered by (a parent of some unit of the cohort).</summary>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its current name.</param>
public sealed record RankingParent(string Code, string Name);

/// <summary>The period page's ranking, filtered: the overview with only the rows kept, and what the filter can choose from.</summary>
/// <param name="Overview">The overview; its rows are those the filter keeps, each with its rank in the whole cohort.</param>
/// <param name="CohortCount">How many units the cohort has (what a rank is out of).</param>
/// <param name="Levels">The levels of the cohort's units.</param>
/// <param name="Parents">The units the cohort's units are directly under, by code.</param>
public sealed record FilteredOverview(PeriodOverview Overview, int CohortCount, IReadOnlyList<UnitLevel> Levels, IReadOnlyList<RankingParent> Parents);

/// <summary>
/// A period's ranking narrowed to a level or a parent (<c>GET /api/periods/{id}/results?level=&amp;parent=</c>
/// and the period page). The cohort is scored and ranked whole; the filter only chooses which rows are listed.
/// A unit's level and parent are today's (the cohort's unit, by id).
/// </summary>
public sealed class RankingFilterService(OpenDtiDbContext db, ResultService results)
{
    /// <summary>
    /// Reads a filter from a request's <paramref name="level"/> (a <see cref="UnitLevel"/> name, any case)
    /// and <paramref name="parent"/> (a unit's code); either may be empty. An unknown level or unit is refused,
    /// naming the parameter.
    /// </summary>
    public async Task<Outcome<RankingFilter>> ReadAsync(string? level, string? parent, CancellationToken cancellationToken = default)
    {
        UnitLevel? readLevel = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            var text = level.Trim();
            if (!Enum.TryParse<UnitLevel>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || text.Any(char.IsDigit))
            {
                return Outcome<RankingFilter>.Invalid(
                    new AppMessage("RankingFilterInvalid"),
                    [new Problem("APP-FILTER", new AppMessage("RankingLevelUnknown", Core.Text.Excerpt.Of(text), string.Join(", ", Enum.GetNames<UnitLevel>())), Input: "level")]);
            }

            readLevel = parsed;
        }

        string? readParent = null;
        if (!string.IsNullOrWhiteSpace(parent))
        {
            var code = parent.Trim();
            readParent = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => u.Code).FirstOrDefaultAsync(cancellationToken);
            if (readParent is null)
            {
                return Outcome<RankingFilter>.Invalid(
                    new AppMessage("RankingFilterInvalid"),
                    [new Problem("APP-FILTER", new AppMessage("RankingParentUnknown", Core.Text.Excerpt.Of(code)), Input: "parent")]);
            }
        }

        return Outcome<RankingFilter>.Ok(new RankingFilter(readLevel, readParent));
    }

    /// <summary>
    /// The ranking of period <paramref name="periodId"/> (who may read it: <see cref="ResultService.ResultsAsync"/>),
    /// only the units of <paramref name="level"/> and directly under <paramref name="parent"/> (see <see cref="ReadAsync"/>), each with its rank in the cohort.
    /// </summary>
    public async Task<Outcome<PeriodResults>> ResultsAsync(Actor actor, int periodId, string? level, string? parent, CancellationToken cancellationToken = default)
    {
        var outcome = await results.ResultsAsync(actor, periodId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        var filter = await ReadAsync(level, parent, cancellationToken);
        if (!filter.Succeeded)
        {
            return filter.As<PeriodResults>();
        }

        if (filter.Value!.IsNone)
        {
            return outcome;
        }

        var kept = Kept(await CohortAsync(periodId, cancellationToken), filter.Value);
        return Outcome<PeriodResults>.Ok(outcome.Value! with { Units = outcome.Value.Units.Where(u => kept.Contains(u.UnitCode)).ToArray() });
    }

    /// <summary>The period page's overview (who may read it: <see cref="ResultService.OverviewAsync"/>), its rows only those <paramref name="filter"/> keeps.</summary>
    public async Task<Outcome<FilteredOverview>> OverviewAsync(Actor actor, int periodId, RankingFilter filter, CancellationToken cancellationToken = default)
    {
        var outcome = await results.OverviewAsync(actor, periodId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.As<FilteredOverview>();
        }

        var overview = outcome.Value!;
        var cohort = await CohortAsync(periodId, cancellationToken);
        var levels = cohort.Select(c => c.Level).Distinct().Order().ToArray();
        var parents = cohort.Where(c => c.ParentCode is not null).GroupBy(c => c.ParentCode!, StringComparer.Ordinal)
            .Select(g => new RankingParent(g.Key, g.First().ParentName ?? string.Empty)).OrderBy(p => p.Code, StringComparer.Ordinal).ToArray();
        if (!filter.IsNone)
        {
            var kept = Kept(cohort, filter);
            overview = overview with { Rows = overview.Rows.Where(r => kept.Contains(r.Result.UnitCode)).ToArray() };
        }

        return Outcome<FilteredOverview>.Ok(new FilteredOverview(overview, outcome.Value!.Rows.Count, levels, parents));
    }

    private static HashSet<string> Kept(IReadOnlyList<CohortUnit> cohort, RankingFilter filter) =>
        cohort.Where(c => (filter.Level is not { } level || c.Level == level)
                && (filter.Parent is not { } parent || string.Equals(c.ParentCode, parent, StringComparison.Ordinal)))
            .Select(c => c.UnitCode).ToHashSet(StringComparer.Ordinal);

    private async Task<IReadOnlyList<CohortUnit>> CohortAsync(int periodId, CancellationToken cancellationToken) =>
        await (from member in db.PeriodUnits.AsNoTracking()
               where member.PeriodId == periodId
               join unit in db.Units.AsNoTracking() on member.UnitId equals unit.Id
               select new CohortUnit(member.UnitCode, unit.Level, unit.Parent == null ? null : unit.Parent.Code, unit.Parent == null ? null : unit.Parent.Name))
            .ToListAsync(cancellationToken);

    private sealed record CohortUnit(string UnitCode, UnitLevel Level, string? ParentCode, string? ParentName);
}
