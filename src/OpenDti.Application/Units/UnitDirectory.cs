using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Units;

namespace OpenDti.Application.Units;

/// <summary>A unit in a list.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Code">Code.</param>
/// <param name="Name">Current name.</param>
/// <param name="Level">Level.</param>
/// <param name="ParentCode">Parent's code.</param>
/// <param name="ClosedOn">When it was closed, if it was.</param>
/// <param name="NotScored">An organisation that contributes figures without being scored (không chấm điểm).</param>
public sealed record UnitSummary(int Id, string Code, string Name, UnitLevel Level, string? ParentCode, DateOnly? ClosedOn, bool NotScored = false);

/// <summary>A unit as it was on a day: the name it had and the unit it belonged to then.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Code">Code (a unit keeps its code).</param>
/// <param name="Name">The name it had on the day.</param>
/// <param name="Level">Level.</param>
/// <param name="ParentId">The unit it belonged to on the day.</param>
/// <param name="ParentCode">That unit's code.</param>
/// <param name="Active">Whether it existed (was not yet closed) on the day.</param>
public sealed record UnitAsOf(int Id, string Code, string Name, UnitLevel Level, int? ParentId, string? ParentCode, bool Active);

/// <summary>
/// The province's units and their history. Renames, merges, splits and closures change units from a
/// date on; they never rewrite a past period, which keeps the codes and names its units had.
/// </summary>
public sealed class UnitDirectory(OpenDtiDbContext db, TimeProvider time, CompiledFrameworks frameworks)
{
    private const int CodeLength = 64;
    private const int NameLength = 400;

    /// <summary>
    /// The day local government became two-level (Luật Tổ chức chính quyền địa phương 2025, Nghị quyết
    /// 202/2025/QH15): before it province → district → commune, from it province → commune. Departments are
    /// unchanged.
    /// </summary>
    public static readonly DateOnly TwoLevelFrom = new(2025, 7, 1);

    /// <summary>
    /// Every unit as it was on <paramref name="day"/> (its name and parent of that day), those that did not yet exist
    /// left out; closed ones are kept, marked. By level and code.
    /// </summary>
    public async Task<IReadOnlyList<UnitAsOf>> ListAsOfAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(cancellationToken);
        var later = (await db.UnitEvents.AsNoTracking()
                .Where(e => e.EffectiveOn > day && (e.Kind == UnitEventKind.Renamed || e.Kind == UnitEventKind.Moved))
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.UnitId);
        var codes = units.ToDictionary(u => u.Id, u => u.Code);
        return units
            .Where(u => u.ActiveFrom is null || u.ActiveFrom <= day)
            .Select(u => AsOf(u, later[u.Id], day, codes))
            .OrderBy(u => u.Level).ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The unit <paramref name="code"/> as it was on <paramref name="day"/>: its name and parent of that day.</summary>
    public async Task<Outcome<UnitAsOf>> AsOfAsync(string code, DateOnly day, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null)
        {
            return Outcome<UnitAsOf>.NotFound(new AppMessage("UnitNotFound", code));
        }

        var later = await db.UnitEvents.AsNoTracking()
            .Where(e => e.UnitId == unit.Id && e.EffectiveOn > day && (e.Kind == UnitEventKind.Renamed || e.Kind == UnitEventKind.Moved))
            .ToListAsync(cancellationToken);
        var parentIds = later.Select(e => e.OldParentId).Append(unit.ParentId).OfType<int>().Distinct().ToArray();
        var codes = await db.Units.AsNoTracking().Where(u => parentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        return Outcome<UnitAsOf>.Ok(AsOf(unit, later, day, codes));
    }

    /// <summary>
    /// A unit on <paramref name="day"/>: its current name and parent with the renames and moves that took effect
    /// after the day undone, latest first.
    /// </summary>
    private static UnitAsOf AsOf(Unit unit, IEnumerable<UnitEvent> later, DateOnly day, IReadOnlyDictionary<int, string> codes)
    {
        var name = unit.Name;
        var parentId = unit.ParentId;
        foreach (var change in later.Where(e => e.EffectiveOn > day).OrderByDescending(e => e.EffectiveOn).ThenByDescending(e => e.Id))
        {
            if (change.Kind == UnitEventKind.Renamed && change.OldName is { } oldName)
            {
                name = oldName;
            }
            else if (change.Kind == UnitEventKind.Moved)
            {
                parentId = change.OldParentId;
            }
        }

        return new UnitAsOf(unit.Id, unit.Code, name, unit.Level, parentId, parentId is { } p ? codes.GetValueOrDefault(p) : null, unit.IsActiveOn(day));
    }

    /// <summary>Every unit, by level and code.</summary>
    public async Task<IReadOnlyList<UnitSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(cancellationToken);
        var codes = units.ToDictionary(u => u.Id, u => u.Code);
        return units
            .OrderBy(u => u.Level).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new UnitSummary(u.Id, u.Code, u.Name, u.Level, u.ParentId is { } p ? codes[p] : null, u.ClosedOn, u.NotScored))
            .ToArray();
    }

    /// <summary>The codes of <paramref name="units"/>' parents, by the parents' ids.</summary>
    public async Task<IReadOnlyDictionary<int, string>> ParentCodesAsync(IEnumerable<Unit> units, CancellationToken cancellationToken = default)
    {
        var ids = units.Where(u => u.ParentId is not null).Select(u => u.ParentId!.Value).Distinct().ToArray();
        return ids.Length == 0
            ? new Dictionary<int, string>()
            : await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
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
    public Task<Outcome<Unit>> CreateAsync(
        Actor actor, string code, string name, UnitLevel level, string? parentCode, DateOnly? activeFrom = null, CancellationToken cancellationToken = default) =>
        CreateAsync(actor, code, name, level, parentCode, activeFrom, notScored: false, cancellationToken);

    /// <summary>
    /// Creates a unit as the other overload does; with <paramref name="notScored"/>, an organisation that
    /// contributes figures without being scored (Chi cục Thống kê, Bưu điện, Viettel, Công an): a unit of the
    /// department level that belongs to the province or to a district, and is never in a period's cohort.
    /// </summary>
    public async Task<Outcome<Unit>> CreateAsync(
        Actor actor, string code, string name, UnitLevel level, string? parentCode, DateOnly? activeFrom, bool notScored, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<Unit>.Forbidden(new AppMessage("NotAllowed"));
        }

        return await SerialisedAsync([], [code], async () =>
        {
            var (parentId, failure) = await CheckNewUnitAsync(code, name, level, parentCode, cancellationToken, notScored, activeFrom);
            return failure ?? Outcome<Unit>.Ok(await AddAsync(actor, code, name, level, parentId, activeFrom, null, cancellationToken, notScored));
        }, cancellationToken);
    }

    /// <summary>The level of the unit a unit of <paramref name="level"/> belongs to; none for the province.</summary>
    public static UnitLevel? ParentLevel(UnitLevel level) => level switch
    {
        UnitLevel.Province => null,
        UnitLevel.Commune => UnitLevel.District,
        _ => UnitLevel.Province,
    };

    /// <summary>
    /// The level of the unit a unit of <paramref name="level"/> belongs to on <paramref name="day"/>: a commune
    /// belongs to a district before <see cref="TwoLevelFrom"/> and to the province from it.
    /// </summary>
    public static UnitLevel? ParentLevel(UnitLevel level, DateOnly day) =>
        level == UnitLevel.Commune && day >= TwoLevelFrom ? UnitLevel.Province : ParentLevel(level);

    /// <summary>The name of <paramref name="level"/> in messages ("huyện", "district").</summary>
    internal static AppMessage LevelText(UnitLevel level) => new("Level" + level);

    /// <summary>The unit's general information for <paramref name="year"/>, by key.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> ProfileAsync(int unitId, int year, CancellationToken cancellationToken = default) =>
        await db.UnitProfileValues.AsNoTracking()
            .Where(p => p.UnitId == unitId && p.Year == year)
            .ToDictionaryAsync(p => p.Key, p => p.Value, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// Sets figures of the unit's general information for <paramref name="year"/>; other figures stay.
    /// Each key must be a profile field of a framework of the unit's level, and no figure is negative;
    /// any problem refuses the whole request and names each field.
    /// </summary>
    public Task<Outcome<bool>> SetProfileAsync(
        Actor actor, string code, int year, IReadOnlyDictionary<string, decimal> values, CancellationToken cancellationToken = default) =>
        SetProfileAsync(actor, code, year, values, null, cancellationToken);

    /// <summary>Sets figures as the other overload does, with the reason the audit keeps.</summary>
    /// <remarks>Every figure that changes is audited (kind profile: who, old, new, channel, reason) in the same transaction.</remarks>
    public async Task<Outcome<bool>> SetProfileAsync(
        Actor actor, string code, int year, IReadOnlyDictionary<string, decimal> values, string? reason, CancellationToken cancellationToken = default)
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

        var fields = await ProfileKeysAsync(unit.Level, cancellationToken);
        var specs = (await ProfileFieldsAsync(unit.Level, cancellationToken)).ToDictionary(f => f.Key, StringComparer.Ordinal);
        var problems = new List<Problem>();
        foreach (var (key, value) in values)
        {
            if (!fields.Contains(key))
            {
                object known = fields.Count == 0 ? "-" : new Core.Text.TextList(fields.ToArray());
                var shown = Core.Text.Excerpt.Of(key);
                problems.Add(new Problem("APP-PROFILE-FIELD", new AppMessage("ProfileFieldUnknown", shown, LevelText(unit.Level), known), "profile", shown));
            }
            else if (value < 0)
            {
                problems.Add(new Problem("APP-PROFILE-VALUE", new AppMessage("ProfileFieldNegative", key, value), "profile", key));
            }
            else if (specs[key].Min is { } min && value < min)
            {
                problems.Add(new Problem("APP-PROFILE-VALUE", new AppMessage("ProfileFieldBelowMin", key, value, min), "profile", key));
            }
            else if (specs[key].IsCount && value != decimal.Truncate(value))
            {
                // 1,5 civil servants: a count is a whole number.
                problems.Add(new Problem("APP-PROFILE-VALUE", new AppMessage("ProfileFieldNotWhole", key, value), "profile", key));
            }
        }

        if (reason?.Trim() is { Length: > AuditLimits.Reason })
        {
            problems.Add(new Problem("APP-REASON-TOO-LONG", new AppMessage("ValuesReasonTooLong", AuditLimits.Reason), Input: "reason"));
        }

        if (problems.Count > 0)
        {
            return Outcome<bool>.Invalid(new AppMessage("ProfileInvalid", problems.Count), problems);
        }

        var existing = await db.UnitProfileValues.Where(p => p.UnitId == unit.Id && p.Year == year).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (key, value) in values)
        {
            var row = existing.SingleOrDefault(p => p.Key == key);
            if (row?.Value == value)
            {
                continue;
            }

            db.AuditEntries.Add(AuditTrail.Entry(
                actor, now, AuditKind.Profile, key, row?.Value, value, unitId: unit.Id, subject: year.ToString(CultureInfo.InvariantCulture), reason: reason));
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

    /// <summary>
    /// The general information a unit of <paramref name="level"/> can have: the profile fields the stored
    /// frameworks of that level read, by key, each with the label and unit of the first framework that
    /// declares it.
    /// </summary>
    public async Task<IReadOnlyList<ProfileField>> ProfileFieldsAsync(UnitLevel level, CancellationToken cancellationToken = default) =>
        (await FrameworksOfLevelAsync(level, cancellationToken))
            .SelectMany(f => f.ProfileFields)
            .DistinctBy(f => f.Key, StringComparer.Ordinal)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The keys of the general information the stored frameworks of <paramref name="level"/> read, in order.</summary>
    private async Task<SortedSet<string>> ProfileKeysAsync(UnitLevel level, CancellationToken cancellationToken) =>
        new((await FrameworksOfLevelAsync(level, cancellationToken)).SelectMany(f => f.ProfileFields).Select(f => f.Key), StringComparer.Ordinal);

    /// <summary>The stored frameworks that score units of <paramref name="level"/>, oldest first.</summary>
    private async Task<IEnumerable<Framework>> FrameworksOfLevelAsync(UnitLevel level, CancellationToken cancellationToken)
    {
        var frameworkLevel = level switch
        {
            UnitLevel.Province => FrameworkLevel.Province,
            UnitLevel.Department => FrameworkLevel.Department,
            UnitLevel.District => FrameworkLevel.District,
            _ => FrameworkLevel.Commune,
        };
        var records = await db.Frameworks.AsNoTracking().Where(f => f.Level == frameworkLevel).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        return records.Select(frameworks.Get);
    }

    /// <summary>Renames a unit from <paramref name="effectiveOn"/>; periods already set up keep the old name.</summary>
    public Task<Outcome<Unit>> RenameAsync(Actor actor, string code, string newName, DateOnly effectiveOn, string? note, CancellationToken cancellationToken = default) =>
        SerialisedAsync([code], [], () => RenameLockedAsync(actor, code, newName, effectiveOn, note, cancellationToken), cancellationToken);

    private async Task<Outcome<Unit>> RenameLockedAsync(Actor actor, string code, string newName, DateOnly effectiveOn, string? note, CancellationToken cancellationToken)
    {
        var (unit, failure) = await ActiveUnitForChangeAsync(actor, code, effectiveOn, cancellationToken);
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
    public Task<Outcome<Unit>> CloseAsync(Actor actor, string code, DateOnly effectiveOn, string? note, CancellationToken cancellationToken = default) =>
        CloseAsync(actor, code, effectiveOn, note, null, cancellationToken);

    /// <summary>
    /// Closes a unit as the other overload does; with <paramref name="moveChildrenTo"/>, the units that belong to
    /// it and are open on that day are first placed under that unit, on the same day (a district closed on
    /// 01/07/2025, its communes under the province). Everything is checked before anything is written.
    /// </summary>
    public Task<Outcome<Unit>> CloseAsync(
        Actor actor, string code, DateOnly effectiveOn, string? note, string? moveChildrenTo, CancellationToken cancellationToken = default) =>
        SerialisedAsync([code], [], async () =>
        {
            if (!string.IsNullOrWhiteSpace(moveChildrenTo) && !string.IsNullOrWhiteSpace(code))
            {
                await db.LockUnitsUnderAsync(code, cancellationToken);
            }

            return await CloseLockedAsync(actor, code, effectiveOn, note, moveChildrenTo, cancellationToken);
        }, cancellationToken);

    private async Task<Outcome<Unit>> CloseLockedAsync(
        Actor actor, string code, DateOnly effectiveOn, string? note, string? moveChildrenTo, CancellationToken cancellationToken)
    {
        var (unit, failure) = await ActiveUnitForChangeAsync(actor, code, effectiveOn, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!string.IsNullOrWhiteSpace(moveChildrenTo))
        {
            var children = (await db.Units.Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code).ToListAsync(cancellationToken))
                .Where(u => u.IsActiveOn(effectiveOn))
                .ToList();
            foreach (var child in children)
            {
                // Saved with the closure, once: a district of 100 communes is one save, not 100 (docs/performance.md).
                var moved = await MoveLockedAsync(actor, child.Code, moveChildrenTo, effectiveOn, note, cancellationToken, save: false);
                if (!moved.Succeeded)
                {
                    // Nothing of the closure is kept: the transaction is not committed.
                    return moved;
                }
            }
        }

        unit.ClosedOn = effectiveOn;
        Record(actor, unit.Id, UnitEventKind.Closed, effectiveOn, null, null, null, note);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Unit>.Ok(unit);
    }

    /// <summary>
    /// Places unit <paramref name="code"/> under <paramref name="parentCode"/> from <paramref name="effectiveOn"/>,
    /// recorded in its history with its old and new parent (a commune under the province when its district closes on
    /// 01/07/2025). The new parent must be of the level the law gives on that day (<see cref="ParentLevel(UnitLevel, DateOnly)"/>;
    /// a unit that is not scored: the province or a district) and exist on that day. Periods already set up keep
    /// the tree they had; <see cref="AsOfAsync"/> reads the parent of any day.
    /// </summary>
    public Task<Outcome<Unit>> MoveAsync(
        Actor actor, string code, string? parentCode, DateOnly effectiveOn, string? note, CancellationToken cancellationToken = default) =>
        SerialisedAsync([code], [], () => MoveLockedAsync(actor, code, parentCode, effectiveOn, note, cancellationToken), cancellationToken);

    private async Task<Outcome<Unit>> MoveLockedAsync(
        Actor actor, string code, string? parentCode, DateOnly effectiveOn, string? note, CancellationToken cancellationToken, bool save = true)
    {
        var (unit, failure) = await ActiveUnitForChangeAsync(actor, code, effectiveOn, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        parentCode = parentCode?.Trim();
        if (string.IsNullOrEmpty(parentCode))
        {
            return ParentLevel(unit.Level, effectiveOn) is { } needed
                ? Outcome<Unit>.Invalid(new AppMessage("UnitParentRequired", LevelText(unit.Level), LevelText(needed)), [])
                : Outcome<Unit>.Invalid(new AppMessage("UnitProvinceHasParent", "-"), []);
        }

        var (parentId, invalid) = unit.NotScored
            ? await CheckContributorParentAsync(unit.Level, parentCode, cancellationToken)
            : await CheckParentAsync(unit.Level, parentCode, effectiveOn, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (parentId == unit.Id)
        {
            return Outcome<Unit>.Invalid(new AppMessage("UnitMoveUnderItself", unit.Code), []);
        }

        if (parentId == unit.ParentId)
        {
            // Nothing changes: no event that says it moved to where it was.
            return Outcome<Unit>.Ok(unit);
        }

        var oldParentId = unit.ParentId;
        unit.ParentId = parentId;
        var oldCode = oldParentId is { } o ? await db.Units.Where(u => u.Id == o).Select(u => u.Code).SingleAsync(cancellationToken) : null;
        Record(actor, unit.Id, UnitEventKind.Moved, effectiveOn, oldCode, parentCode, null, note, oldParentId, parentId);
        if (save)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome<Unit>.Ok(unit);
    }

    /// <summary>
    /// Merges <paramref name="sourceCodes"/> (two units or more, of one level) into a new unit
    /// <paramref name="targetCode"/> from <paramref name="effectiveOn"/>: the sources are closed, their
    /// history and past periods stay. The new unit belongs where the first source belongs. Everything is
    /// checked before anything is written.
    /// </summary>
    public Task<Outcome<Unit>> MergeAsync(
        Actor actor, IReadOnlyList<string> sourceCodes, string targetCode, string targetName, DateOnly effectiveOn, string? note,
        CancellationToken cancellationToken = default) =>
        MergeAsync(actor, sourceCodes, targetCode, targetName, effectiveOn, note, null, cancellationToken);

    /// <summary>
    /// Merges units as the other overload does, the new unit under <paramref name="parentCode"/> when given. Without
    /// it, the new unit belongs where the first source belongs, or, for communes merged from 01/07/2025 whose
    /// district is no longer their level's parent, to that district's province.
    /// </summary>
    public async Task<Outcome<Unit>> MergeAsync(
        Actor actor, IReadOnlyList<string> sourceCodes, string targetCode, string targetName, DateOnly effectiveOn, string? note, string? parentCode,
        CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<Unit>.Forbidden(new AppMessage("NotAllowed"));
        }

        var codes = (sourceCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (codes.Length < 2)
        {
            return Outcome<Unit>.Invalid(new AppMessage("MergeNeedsTwoUnits"), []);
        }

        return await SerialisedAsync(codes, [targetCode], () => MergeLockedAsync(actor, codes, targetCode, targetName, effectiveOn, note, parentCode, cancellationToken), cancellationToken);
    }

    private async Task<Outcome<Unit>> MergeLockedAsync(
        Actor actor, string[] codes, string targetCode, string targetName, DateOnly effectiveOn, string? note, string? parentCode, CancellationToken cancellationToken)
    {
        var sources = new List<Unit>();
        foreach (var code in codes)
        {
            var (unit, failure) = await ActiveUnitForChangeAsync(actor, code, effectiveOn, cancellationToken);
            if (unit is null)
            {
                return failure!;
            }

            sources.Add(unit);
        }

        if (sources.FirstOrDefault(s => s.Level != sources[0].Level) is { } other)
        {
            return Outcome<Unit>.Invalid(
                new AppMessage("MergeLevels", sources[0].Code, LevelText(sources[0].Level), other.Code, LevelText(other.Level)), []);
        }

        parentCode = string.IsNullOrWhiteSpace(parentCode) ? await ParentCodeOnAsync(sources[0], effectiveOn, cancellationToken) : parentCode.Trim();
        if (sources.FirstOrDefault(s => s.NotScored != sources[0].NotScored) is { } mixed)
        {
            return Outcome<Unit>.Invalid(new AppMessage("MergeNotScored", sources[0].Code, mixed.Code), []);
        }

        var (parentId, invalid) = await CheckNewUnitAsync(targetCode, targetName, sources[0].Level, parentCode, cancellationToken, sources[0].NotScored, effectiveOn);
        if (invalid is not null)
        {
            return invalid;
        }

        var target = await AddAsync(actor, targetCode, targetName, sources[0].Level, parentId, effectiveOn, note, cancellationToken, sources[0].NotScored);
        foreach (var source in sources)
        {
            source.ClosedOn = effectiveOn;
            Record(actor, source.Id, UnitEventKind.MergedInto, effectiveOn, null, null, target.Id, note);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Unit>.Ok(target);
    }

    /// <summary>
    /// Splits <paramref name="sourceCode"/> into new units of its level, beside it, from
    /// <paramref name="effectiveOn"/>; the source is closed unless <paramref name="keepSource"/>. Every new
    /// unit is checked before any is created.
    /// </summary>
    public Task<Outcome<IReadOnlyList<Unit>>> SplitAsync(
        Actor actor, string sourceCode, IReadOnlyList<(string Code, string Name)> parts, bool keepSource, DateOnly effectiveOn, string? note,
        CancellationToken cancellationToken = default) =>
        SerialisedAsync(
            [sourceCode],
            [.. (parts ?? []).Select(p => p.Code)],
            () => SplitLockedAsync(actor, sourceCode, parts, keepSource, effectiveOn, note, cancellationToken),
            cancellationToken);

    private async Task<Outcome<IReadOnlyList<Unit>>> SplitLockedAsync(
        Actor actor, string sourceCode, IReadOnlyList<(string Code, string Name)>? parts, bool keepSource, DateOnly effectiveOn, string? note,
        CancellationToken cancellationToken)
    {
        var (source, failure) = await ActiveUnitForChangeAsync(actor, sourceCode, effectiveOn, cancellationToken);
        if (source is null)
        {
            return failure!.As<IReadOnlyList<Unit>>();
        }

        if (parts is not { Count: > 0 })
        {
            return Outcome<IReadOnlyList<Unit>>.Invalid(new AppMessage("SplitNeedsParts"), []);
        }

        var parentCode = await ParentCodeOnAsync(source, effectiveOn, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int? parentId = null;
        foreach (var (code, name) in parts)
        {
            if (!seen.Add(code?.Trim() ?? string.Empty))
            {
                return Outcome<IReadOnlyList<Unit>>.Invalid(new AppMessage("UnitCodeTwice", code?.Trim()), []);
            }

            var (id, invalid) = await CheckNewUnitAsync(code, name, source.Level, parentCode, cancellationToken, source.NotScored, effectiveOn);
            if (invalid is not null)
            {
                return invalid.As<IReadOnlyList<Unit>>();
            }

            parentId = id;
        }

        var created = new List<Unit>();
        foreach (var (code, name) in parts)
        {
            var part = await AddAsync(actor, code, name, source.Level, parentId, effectiveOn, note, cancellationToken, source.NotScored);
            created.Add(part);
            Record(actor, source.Id, UnitEventKind.SplitInto, effectiveOn, null, null, part.Id, note);
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

    /// <summary>
    /// The unit <paramref name="code"/> when it can change on <paramref name="effectiveOn"/>: it is not
    /// closed, it exists on that day, and no change of it took effect later (a history is written in
    /// the order it happened, so the current name is the last one).
    /// </summary>
    private async Task<(Unit? Unit, Outcome<Unit>? Failure)> ActiveUnitForChangeAsync(
        Actor actor, string code, DateOnly effectiveOn, CancellationToken cancellationToken)
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

        if (unit.ClosedOn is { } closedOn)
        {
            return (null, Outcome<Unit>.Conflict(new AppMessage("UnitClosed", code, new DayText(closedOn))));
        }

        if (unit.ActiveFrom is { } activeFrom && effectiveOn < activeFrom)
        {
            return (null, Outcome<Unit>.Conflict(new AppMessage("UnitNotYetActive", code, new DayText(activeFrom))));
        }

        var lastChange = await db.UnitEvents
            .Where(e => e.UnitId == unit.Id && e.Kind != UnitEventKind.Created)
            .MaxAsync(e => (DateOnly?)e.EffectiveOn, cancellationToken);
        return lastChange is { } last && effectiveOn < last
            ? (null, Outcome<Unit>.Conflict(new AppMessage("UnitChangedLater", code, new DayText(last))))
            : (unit, null);
    }

    /// <summary>
    /// Whether a unit <paramref name="code"/> can be created at <paramref name="level"/> under
    /// <paramref name="parentCode"/>: a code and name of the right length, a code not in use, and a parent
    /// of the level above; a unit that is not scored is of the department level and belongs to the province or
    /// to a district. Gives the parent's id, or why not.
    /// </summary>
    private async Task<(int? ParentId, Outcome<Unit>? Failure)> CheckNewUnitAsync(
        string? code, string? name, UnitLevel level, string? parentCode, CancellationToken cancellationToken, bool notScored = false, DateOnly? day = null)
    {
        code = code?.Trim() ?? string.Empty;
        if ((CheckCode(code) ?? CheckName(name?.Trim() ?? string.Empty)) is { } invalid)
        {
            return (null, Outcome<Unit>.Invalid(invalid, []));
        }

        if (await db.Units.AnyAsync(u => u.Code == code, cancellationToken))
        {
            return (null, Outcome<Unit>.Conflict(new AppMessage("UnitExists", code)));
        }

        parentCode = string.IsNullOrWhiteSpace(parentCode) ? null : parentCode.Trim();
        if (notScored)
        {
            return await CheckContributorParentAsync(level, parentCode, cancellationToken);
        }

        var parentLevel = day is { } on ? ParentLevel(level, on) : ParentLevel(level);
        if (parentCode is null)
        {
            return parentLevel is { } needed
                ? (null, Outcome<Unit>.Invalid(new AppMessage("UnitParentRequired", LevelText(level), LevelText(needed)), []))
                : (null, null);
        }

        if (parentLevel is null)
        {
            return (null, Outcome<Unit>.Invalid(new AppMessage("UnitProvinceHasParent", parentCode), []));
        }

        if (level == UnitLevel.Commune)
        {
            if (day is { } dated)
            {
                return await CheckParentAsync(level, parentCode, dated, cancellationToken);
            }

            // Without a day: under a district, as before (a province that has not yet recorded its reform), or under
            // the province once the two levels are law.
            if (Today() >= TwoLevelFrom
                && await db.Units.AsNoTracking().AnyAsync(u => u.Code == parentCode && u.Level == UnitLevel.Province, cancellationToken))
            {
                return await CheckParentAsync(level, parentCode, Today(), cancellationToken);
            }
        }

        var parent = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == parentCode, cancellationToken);
        if (parent is null)
        {
            return (null, Outcome<Unit>.NotFound(new AppMessage("UnitNotFound", parentCode)));
        }

        if (parent.Level == parentLevel)
        {
            return (parent.Id, null);
        }

        // A department under a district is what a contributor is (Bưu điện huyện, Công an huyện): say so.
        return level == UnitLevel.Department && parent.Level == UnitLevel.District
            ? (null, Outcome<Unit>.Invalid(new AppMessage("UnitDepartmentUnderDistrict", parent.Code), []))
            : (null, Outcome<Unit>.Invalid(new AppMessage("UnitParentLevel", LevelText(level), LevelText(parentLevel.Value), parent.Code, LevelText(parent.Level)), []));
    }

    /// <summary>
    /// Whether <paramref name="parentCode"/> can be the parent of a scored unit of <paramref name="level"/> on
    /// <paramref name="day"/>: of the level the law gives on that day, and existing on that day.
    /// </summary>
    private async Task<(int? ParentId, Outcome<Unit>? Failure)> CheckParentAsync(
        UnitLevel level, string parentCode, DateOnly day, CancellationToken cancellationToken)
    {
        var parent = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == parentCode, cancellationToken);
        if (parent is null)
        {
            return (null, Outcome<Unit>.NotFound(new AppMessage("UnitNotFound", parentCode)));
        }

        if (ParentLevel(level, day) is not { } parentLevel)
        {
            return (null, Outcome<Unit>.Invalid(new AppMessage("UnitProvinceHasParent", parentCode), []));
        }

        if (parent.Level != parentLevel)
        {
            return level == UnitLevel.Commune && day >= TwoLevelFrom
                ? (null, Outcome<Unit>.Invalid(new AppMessage("UnitCommuneParentOn", new DayText(day), LevelText(parentLevel), parent.Code, LevelText(parent.Level), new DayText(TwoLevelFrom)), []))
                : (null, Outcome<Unit>.Invalid(new AppMessage("UnitParentLevel", LevelText(level), LevelText(parentLevel), parent.Code, LevelText(parent.Level)), []));
        }

        return parent.IsActiveOn(day)
            ? (parent.Id, null)
            : (null, Outcome<Unit>.Conflict(new AppMessage("UnitParentNotActive", parent.Code, new DayText(day))));
    }

    /// <summary>
    /// Whether a unit that is not scored can be of <paramref name="level"/> under <paramref name="parentCode"/>:
    /// of the department level, under the province or a district (Chi cục Thống kê tỉnh, Bưu điện huyện).
    /// </summary>
    private async Task<(int? ParentId, Outcome<Unit>? Failure)> CheckContributorParentAsync(
        UnitLevel level, string? parentCode, CancellationToken cancellationToken)
    {
        if (level != UnitLevel.Department)
        {
            return (null, Outcome<Unit>.Invalid(new AppMessage("UnitContributorLevel", LevelText(level)), []));
        }

        if (parentCode is null)
        {
            return (null, Outcome<Unit>.Invalid(new AppMessage("UnitContributorParentRequired"), []));
        }

        var parent = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == parentCode, cancellationToken);
        if (parent is null)
        {
            return (null, Outcome<Unit>.NotFound(new AppMessage("UnitNotFound", parentCode)));
        }

        return parent.Level is UnitLevel.Province or UnitLevel.District
            ? (parent.Id, null)
            : (null, Outcome<Unit>.Invalid(new AppMessage("UnitContributorParent", parent.Code, LevelText(parent.Level)), []));
    }

    /// <summary>
    /// Marks the unit <paramref name="code"/> as one that contributes figures without being scored (không chấm
    /// điểm), or as scored again. Administrators only; audited (kind unit, field <c>not_scored</c>). A contributor
    /// is of the department level; a unit under a district stays a contributor (only the province's departments
    /// are scored); a unit in the cohort of a period not yet published cannot stop being scored, so that no
    /// ranking loses it silently.
    /// </summary>
    public Task<Outcome<Unit>> SetNotScoredAsync(Actor actor, string code, bool notScored, CancellationToken cancellationToken = default) =>
        !AccessPolicy.CanAdminister(actor)
            ? Task.FromResult(Outcome<Unit>.Forbidden(new AppMessage("NotAllowed")))
            : SerialisedAsync([code], [], () => SetNotScoredLockedAsync(actor, code, notScored, cancellationToken), cancellationToken);

    /// <summary>
    /// <see cref="SetNotScoredAsync"/> with the unit locked: two administrators switching it at once take turns, so
    /// that the second reads the first's switch and the audit says each change once, from what it really was.
    /// </summary>
    private async Task<Outcome<Unit>> SetNotScoredLockedAsync(Actor actor, string code, bool notScored, CancellationToken cancellationToken)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null)
        {
            return Outcome<Unit>.NotFound(new AppMessage("UnitNotFound", code));
        }

        if (unit.NotScored == notScored)
        {
            return Outcome<Unit>.Ok(unit);
        }

        var parent = unit.ParentId is { } parentId ? await db.Units.AsNoTracking().SingleAsync(u => u.Id == parentId, cancellationToken) : null;
        if (notScored)
        {
            if (unit.Level != UnitLevel.Department)
            {
                return Outcome<Unit>.Invalid(new AppMessage("UnitContributorLevel", LevelText(unit.Level)), []);
            }

            var cohort = await (
                    from pu in db.PeriodUnits
                    join p in db.Periods on pu.PeriodId equals p.Id
                    where pu.UnitId == unit.Id && p.Status != Data.Periods.PeriodStatus.Published
                    orderby p.Id
                    select p.Name)
                .FirstOrDefaultAsync(cancellationToken);
            if (cohort is not null)
            {
                return Outcome<Unit>.Conflict(new AppMessage("UnitInCohort", unit.Code, cohort));
            }
        }
        else if (parent is { Level: UnitLevel.District })
        {
            return Outcome<Unit>.Invalid(new AppMessage("UnitDepartmentUnderDistrict", parent.Code), []);
        }

        db.AuditEntries.Add(AuditTrail.Entry(
            actor, time.GetUtcNow().UtcDateTime, AuditKind.Unit, "not_scored", unit.NotScored, notScored, unitId: unit.Id));
        unit.NotScored = notScored;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Unit>.Ok(unit);
    }

    /// <summary>Adds a unit checked by <see cref="CheckNewUnitAsync"/> and its creation event; the caller holds the transaction.</summary>
    private async Task<Unit> AddAsync(
        Actor actor, string code, string name, UnitLevel level, int? parentId, DateOnly? activeFrom, string? note, CancellationToken cancellationToken, bool notScored = false)
    {
        var unit = new Unit { Code = code.Trim(), Name = name.Trim(), Level = level, ParentId = parentId, ActiveFrom = activeFrom, NotScored = notScored };
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        Record(actor, unit.Id, UnitEventKind.Created, activeFrom ?? Today(), null, unit.Name, null, note);
        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    /// <summary>A transaction of its own for a change written in several steps, unless the caller already holds one.</summary>
    private async Task<IDbContextTransaction?> BeginAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    private static async Task CommitAsync(IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/>, a change of units, in one transaction (the caller's, or one begun here and
    /// committed only when the change succeeds, so that a refusal half-way leaves nothing), after locking the units of
    /// <paramref name="codes"/> (<see cref="RowLocks"/>): two changes of one unit at the same moment, on one instance or
    /// two, run one after the other, and the second reads what the first did (a unit merged is closed to a second
    /// merger, a unit renamed has its new name). A code of <paramref name="newCodes"/> taken by a unit created at the
    /// same moment is a conflict, as when it was taken before.
    /// </summary>
    private async Task<Outcome<T>> SerialisedAsync<T>(
        IReadOnlyCollection<string?> codes, IReadOnlyCollection<string?> newCodes, Func<Task<Outcome<T>>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(cancellationToken);
        await db.LockUnitsAsync([.. codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim())], cancellationToken);
        try
        {
            var outcome = await change();
            if (outcome.Succeeded)
            {
                await CommitAsync(transaction, cancellationToken);
            }

            return outcome;
        }
        catch (DbUpdateException e) when (newCodes.Count > 0 && !Data.Storage.StorageFailure.Is(e))
        {
            // Only a unique code can refuse these rows: another request created a unit with the code since it was checked.
            db.ChangeTracker.Clear();
            return Outcome<T>.Conflict(new AppMessage("UnitExists", string.Join(", ", newCodes.Select(c => c?.Trim()))));
        }
    }

    /// <summary>
    /// The code of the unit a unit made from <paramref name="unit"/> on <paramref name="day"/> belongs to: its parent,
    /// or, when that parent is no longer of the level the law gives on that day (a district, from 01/07/2025), the
    /// parent's own parent (the province).
    /// </summary>
    private async Task<string?> ParentCodeOnAsync(Unit unit, DateOnly day, CancellationToken cancellationToken)
    {
        if (unit.ParentId is not { } parentId)
        {
            return null;
        }

        var parent = await db.Units.AsNoTracking().SingleAsync(u => u.Id == parentId, cancellationToken);
        if (!unit.NotScored && ParentLevel(unit.Level, day) is { } level && parent.Level != level && parent.ParentId is { } above)
        {
            return await db.Units.Where(u => u.Id == above).Select(u => u.Code).SingleAsync(cancellationToken);
        }

        return parent.Code;
    }

    /// <summary>Why <paramref name="code"/> cannot be a unit's code (the database keeps 64 characters), if it cannot.</summary>
    private static AppMessage? CheckCode(string code) =>
        code.Length is 0 or > CodeLength ? new AppMessage("UnitCodeInvalid", CodeLength) : null;

    /// <summary>Why <paramref name="name"/> cannot be a unit's name (the database keeps 400 characters), if it cannot.</summary>
    private static AppMessage? CheckName(string name) =>
        name.Length is 0 or > NameLength ? new AppMessage("UnitNameInvalid", NameLength) : null;

    /// <summary>A line of the unit's history, and its audit entry (the change and the day it takes effect), in the caller's save.</summary>
    private void Record(
        Actor actor, int unitId, UnitEventKind kind, DateOnly effectiveOn, string? oldName, string? newName, int? related, string? note,
        int? oldParentId = null, int? newParentId = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.UnitEvents.Add(new UnitEvent
        {
            UnitId = unitId,
            Kind = kind,
            EffectiveOn = effectiveOn,
            // A move's old and new parent are ids; the audit below names them by code.
            OldName = kind == UnitEventKind.Moved ? null : oldName,
            NewName = kind == UnitEventKind.Moved ? null : newName,
            RelatedUnitId = related,
            Note = note,
            OldParentId = oldParentId,
            NewParentId = newParentId,
            RecordedAt = now,
            RecordedBy = actor.UserName,
        });
        db.AuditEntries.Add(AuditTrail.Entry(
            actor,
            now,
            AuditKind.Unit,
            kind.ToString().ToLowerInvariant(),
            oldName,
            newName,
            unitId: unitId,
            subject: effectiveOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                + (related is { } other ? " → " + (db.Units.Local.FirstOrDefault(u => u.Id == other)?.Code ?? "#" + other.ToString(CultureInfo.InvariantCulture)) : string.Empty),
            reason: note));
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// What <paramref name="change"/> (a rename, move, closure, merger or split of this directory) would do, without
    /// doing it: the change runs with every check it makes, in a transaction that is then rolled back, so the preview
    /// is refused exactly when the change would be, with the same message. Nothing is written, not even to the audit.
    /// </summary>
    /// <exception cref="InvalidOperationException">The caller already holds a transaction (it would be rolled back).</exception>
    public async Task<Outcome<UnitChangePreview>> PreviewAsync<T>(Func<UnitDirectory, Task<Outcome<T>>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (db.Database.CurrentTransaction is not null || db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("A change is previewed on its own, outside any transaction and with nothing pending.");
        }

        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var outcome = await change(this);
            if (!outcome.Succeeded)
            {
                return outcome.As<UnitChangePreview>();
            }

            // The events the change recorded are the ones this context added (the others were never tracked).
            var events = db.ChangeTracker.Entries<UnitEvent>().Select(e => e.Entity).OrderBy(e => e.Id).ToList();
            var ids = events.SelectMany(e => new[] { e.UnitId, e.RelatedUnitId, e.OldParentId, e.NewParentId }).OfType<int>().Distinct().ToArray();
            var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
            var parents = units.Values.Select(u => u.ParentId).OfType<int>().Where(id => !units.ContainsKey(id)).Distinct().ToArray();
            foreach (var parent in await db.Units.AsNoTracking().Where(u => parents.Contains(u.Id)).ToListAsync(cancellationToken))
            {
                units[parent.Id] = parent;
            }

            string? CodeOf(int? id) => id is { } i && units.TryGetValue(i, out var u) ? u.Code : null;
            var steps = events
                .Select(e => new UnitChangeStep(
                    units[e.UnitId].Code,
                    units[e.UnitId].Name,
                    e.Kind,
                    e.EffectiveOn,
                    e.Kind switch { UnitEventKind.Renamed => e.OldName, UnitEventKind.Moved => CodeOf(e.OldParentId), _ => null },
                    e.Kind switch
                    {
                        UnitEventKind.Renamed => e.NewName,
                        UnitEventKind.Moved => CodeOf(e.NewParentId),
                        UnitEventKind.Created => CodeOf(units[e.UnitId].ParentId),
                        _ => CodeOf(e.RelatedUnitId),
                    }))
                .ToArray();
            var touched = events.Select(e => e.UnitId).Distinct().ToArray();
            var cohorts = await (
                    from pu in db.PeriodUnits.AsNoTracking()
                    join p in db.Periods.AsNoTracking() on pu.PeriodId equals p.Id
                    where touched.Contains(pu.UnitId)
                    select new { p.Id, p.Name, p.Year, p.Status, pu.UnitCode })
                .ToListAsync(cancellationToken);
            var periods = cohorts
                .GroupBy(c => (c.Id, c.Name, c.Year, c.Status))
                .OrderByDescending(g => g.Key.Year).ThenByDescending(g => g.Key.Id)
                .Select(g => new AffectedPeriod(g.Key.Id, g.Key.Name, g.Key.Year, g.Key.Status, g.Select(c => c.UnitCode).Order(StringComparer.Ordinal).ToArray()))
                .ToArray();
            return Outcome<UnitChangePreview>.Ok(new UnitChangePreview(steps, periods));
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The units open on <paramref name="day"/> that belong to <paramref name="code"/> (those a closure with their move places elsewhere), by code.</summary>
    public async Task<IReadOnlyList<UnitSummary>> ChildrenAsync(string code, DateOnly day, CancellationToken cancellationToken = default)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Parent != null && u.Parent.Code == code).ToListAsync(cancellationToken);
        return units
            .Where(u => u.IsActiveOn(day))
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new UnitSummary(u.Id, u.Code, u.Name, u.Level, code, u.ClosedOn, u.NotScored))
            .ToArray();
    }
}
