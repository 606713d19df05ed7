using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Data;
using OpenDti.Data.Units;

namespace OpenDti.Application.Units;

/// <summary>A unit in a list.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Code">Code.</param>
/// <param name="Name">Current name.</param>
/// <param name="Level">Level.</param>
/// <param name="ParentCode">Parent's code.</param>
/// <param name="ClosedOn">When it was closed, if it was.</param>
public sealed record UnitSummary(int Id, string Code, string Name, UnitLevel Level, string? ParentCode, DateOnly? ClosedOn);

/// <summary>
/// The province's units and their history. Renames, merges, splits and closures change units from a
/// date on; they never rewrite a past period, which keeps the codes and names its units had.
/// </summary>
public sealed class UnitDirectory(OpenDtiDbContext db, TimeProvider time)
{
    private const int CodeLength = 64;
    private const int NameLength = 400;

    /// <summary>Every unit, by level and code.</summary>
    public async Task<IReadOnlyList<UnitSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(cancellationToken);
        var codes = units.ToDictionary(u => u.Id, u => u.Code);
        return units
            .OrderBy(u => u.Level).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new UnitSummary(u.Id, u.Code, u.Name, u.Level, u.ParentId is { } p ? codes[p] : null, u.ClosedOn))
            .ToArray();
    }

    /// <summary>The unit with <paramref name="code"/>.</summary>
    public async Task<Outcome<Unit>> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        return unit is null ? Outcome<Unit>.NotFound(new AppMessage("UnitNotFound", code)) : Outcome<Unit>.Ok(unit);
    }

    /// <summary>
    /// Creates a unit. The province stands alone; a department or a district belongs to a province, a
    /// commune to a district.
    /// </summary>
    public async Task<Outcome<Unit>> CreateAsync(
        Actor actor, string code, string name, UnitLevel level, string? parentCode, DateOnly? activeFrom = null, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<Unit>.Forbidden(new AppMessage("NotAllowed"));
        }

        code = code?.Trim() ?? string.Empty;
        name = name?.Trim() ?? string.Empty;
        if ((CheckCode(code) ?? CheckName(name)) is { } invalid)
        {
            return Outcome<Unit>.Invalid(invalid, []);
        }

        if (await db.Units.AnyAsync(u => u.Code == code, cancellationToken))
        {
            return Outcome<Unit>.Conflict(new AppMessage("UnitExists", code));
        }

        parentCode = string.IsNullOrWhiteSpace(parentCode) ? null : parentCode.Trim();
        var parentLevel = ParentLevel(level);
        int? parentId = null;
        if (parentCode is null)
        {
            if (parentLevel is { } needed)
            {
                return Outcome<Unit>.Invalid(new AppMessage("UnitParentRequired", LevelText(level), LevelText(needed)), []);
            }
        }
        else
        {
            if (parentLevel is null)
            {
                return Outcome<Unit>.Invalid(new AppMessage("UnitProvinceHasParent", parentCode), []);
            }

            var parent = await db.Units.SingleOrDefaultAsync(u => u.Code == parentCode, cancellationToken);
            if (parent is null)
            {
                return Outcome<Unit>.NotFound(new AppMessage("UnitNotFound", parentCode));
            }

            if (parent.Level != parentLevel)
            {
                return Outcome<Unit>.Invalid(new AppMessage("UnitParentLevel", LevelText(level), LevelText(parentLevel.Value), parent.Code, LevelText(parent.Level)), []);
            }

            parentId = parent.Id;
        }

        var unit = new Unit { Code = code, Name = name, Level = level, ParentId = parentId, ActiveFrom = activeFrom };
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        Record(actor, unit.Id, UnitEventKind.Created, activeFrom ?? Today(), null, name, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Unit>.Ok(unit);
    }

    /// <summary>The level of the unit a unit of <paramref name="level"/> belongs to; none for the province.</summary>
    public static UnitLevel? ParentLevel(UnitLevel level) => level switch
    {
        UnitLevel.Province => null,
        UnitLevel.Commune => UnitLevel.District,
        _ => UnitLevel.Province,
    };

    /// <summary>The name of <paramref name="level"/> in messages ("huyện", "district").</summary>
    internal static AppMessage LevelText(UnitLevel level) => new("Level" + level);

    /// <summary>The unit's general information for <paramref name="year"/>, by key.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> ProfileAsync(int unitId, int year, CancellationToken cancellationToken = default) =>
        await db.UnitProfileValues.AsNoTracking()
            .Where(p => p.UnitId == unitId && p.Year == year)
            .ToDictionaryAsync(p => p.Key, p => p.Value, StringComparer.Ordinal, cancellationToken);

    /// <summary>Sets figures of the unit's general information for <paramref name="year"/>.</summary>
    public async Task<Outcome<bool>> SetProfileAsync(
        Actor actor, string code, int year, IReadOnlyDictionary<string, decimal> values, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<bool>.Forbidden(new AppMessage("NotAllowed"));
        }

        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null)
        {
            return Outcome<bool>.NotFound(new AppMessage("UnitNotFound", code));
        }

        var existing = await db.UnitProfileValues.Where(p => p.UnitId == unit.Id && p.Year == year).ToListAsync(cancellationToken);
        foreach (var (key, value) in values)
        {
            var row = existing.SingleOrDefault(p => p.Key == key);
            if (row is null)
            {
                db.UnitProfileValues.Add(new UnitProfileValue { UnitId = unit.Id, Year = year, Key = key, Value = value });
            }
            else
            {
                row.Value = value;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Renames a unit from <paramref name="effectiveOn"/>; periods already set up keep the old name.</summary>
    public async Task<Outcome<Unit>> RenameAsync(Actor actor, string code, string newName, DateOnly effectiveOn, string? note, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await ActiveUnitForChangeAsync(actor, code, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        newName = newName?.Trim() ?? string.Empty;
        if (CheckName(newName) is { } invalid)
        {
            return Outcome<Unit>.Invalid(invalid, []);
        }

        if (newName == unit.Name)
        {
            // Nothing changes: no event that says it was renamed to the name it had.
            return Outcome<Unit>.Ok(unit);
        }

        var oldName = unit.Name;
        unit.Name = newName;
        Record(actor, unit.Id, UnitEventKind.Renamed, effectiveOn, oldName, newName, null, note);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Unit>.Ok(unit);
    }

    /// <summary>Closes a unit from <paramref name="effectiveOn"/>; its past periods and values stay.</summary>
    public async Task<Outcome<Unit>> CloseAsync(Actor actor, string code, DateOnly effectiveOn, string? note, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await ActiveUnitForChangeAsync(actor, code, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        unit.ClosedOn = effectiveOn;
        Record(actor, unit.Id, UnitEventKind.Closed, effectiveOn, null, null, null, note);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Unit>.Ok(unit);
    }

    /// <summary>
    /// Merges <paramref name="sourceCodes"/> into a new unit <paramref name="targetCode"/> from
    /// <paramref name="effectiveOn"/>: the sources are closed, their history and past periods stay.
    /// </summary>
    public async Task<Outcome<Unit>> MergeAsync(
        Actor actor, IReadOnlyList<string> sourceCodes, string targetCode, string targetName, DateOnly effectiveOn, string? note,
        CancellationToken cancellationToken = default)
    {
        var sources = new List<Unit>();
        foreach (var code in sourceCodes)
        {
            var (unit, failure) = await ActiveUnitForChangeAsync(actor, code, cancellationToken);
            if (unit is null)
            {
                return failure!;
            }

            sources.Add(unit);
        }

        var parentCode = sources[0].ParentId is { } parentId ? (await db.Units.SingleAsync(u => u.Id == parentId, cancellationToken)).Code : null;
        var created = await CreateAsync(actor, targetCode, targetName, sources[0].Level, parentCode, effectiveOn, cancellationToken);
        if (!created.Succeeded)
        {
            return created;
        }

        foreach (var source in sources)
        {
            source.ClosedOn = effectiveOn;
            Record(actor, source.Id, UnitEventKind.MergedInto, effectiveOn, null, null, created.Value!.Id, note);
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>
    /// Splits <paramref name="sourceCode"/> into new units from <paramref name="effectiveOn"/>; the source is
    /// closed unless <paramref name="keepSource"/>.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<Unit>>> SplitAsync(
        Actor actor, string sourceCode, IReadOnlyList<(string Code, string Name)> parts, bool keepSource, DateOnly effectiveOn, string? note,
        CancellationToken cancellationToken = default)
    {
        var (source, failure) = await ActiveUnitForChangeAsync(actor, sourceCode, cancellationToken);
        if (source is null)
        {
            return failure!.As<IReadOnlyList<Unit>>();
        }

        var parentCode = source.ParentId is { } parentId ? (await db.Units.SingleAsync(u => u.Id == parentId, cancellationToken)).Code : null;
        var created = new List<Unit>();
        foreach (var (code, name) in parts)
        {
            var part = await CreateAsync(actor, code, name, source.Level, parentCode, effectiveOn, cancellationToken);
            if (!part.Succeeded)
            {
                return part.As<IReadOnlyList<Unit>>();
            }

            created.Add(part.Value!);
            Record(actor, source.Id, UnitEventKind.SplitInto, effectiveOn, null, null, part.Value!.Id, note);
        }

        if (!keepSource)
        {
            source.ClosedOn = effectiveOn;
            Record(actor, source.Id, UnitEventKind.Closed, effectiveOn, null, null, null, note);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IReadOnlyList<Unit>>.Ok(created);
    }

    /// <summary>
    /// The history of a unit: its creation, then its changes by the day they took effect, and those of
    /// one day in the order they were recorded.
    /// </summary>
    /// <remarks>
    /// A unit entered without the day it came into being is recorded as created on the day it was
    /// entered, which can be after changes recorded with their real, earlier dates.
    /// </remarks>
    public async Task<IReadOnlyList<UnitEvent>> HistoryAsync(int unitId, CancellationToken cancellationToken = default) =>
        await db.UnitEvents.AsNoTracking()
            .Where(e => e.UnitId == unitId)
            .OrderBy(e => e.Kind == UnitEventKind.Created ? 0 : 1).ThenBy(e => e.EffectiveOn).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);

    private async Task<(Unit? Unit, Outcome<Unit>? Failure)> ActiveUnitForChangeAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return (null, Outcome<Unit>.Forbidden(new AppMessage("NotAllowed")));
        }

        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null)
        {
            return (null, Outcome<Unit>.NotFound(new AppMessage("UnitNotFound", code)));
        }

        return unit.ClosedOn is null ? (unit, null) : (null, Outcome<Unit>.Conflict(new AppMessage("UnitClosed", code, new DayText(unit.ClosedOn.Value))));
    }

    /// <summary>Why <paramref name="code"/> cannot be a unit's code (the database keeps 64 characters), if it cannot.</summary>
    private static AppMessage? CheckCode(string code) =>
        code.Length is 0 or > CodeLength ? new AppMessage("UnitCodeInvalid", CodeLength) : null;

    /// <summary>Why <paramref name="name"/> cannot be a unit's name (the database keeps 400 characters), if it cannot.</summary>
    private static AppMessage? CheckName(string name) =>
        name.Length is 0 or > NameLength ? new AppMessage("UnitNameInvalid", NameLength) : null;

    private void Record(Actor actor, int unitId, UnitEventKind kind, DateOnly effectiveOn, string? oldName, string? newName, int? related, string? note) =>
        db.UnitEvents.Add(new UnitEvent
        {
            UnitId = unitId,
            Kind = kind,
            EffectiveOn = effectiveOn,
            OldName = oldName,
            NewName = newName,
            RelatedUnitId = related,
            Note = note,
            RecordedAt = time.GetUtcNow().UtcDateTime,
            RecordedBy = actor.UserName,
        });

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
