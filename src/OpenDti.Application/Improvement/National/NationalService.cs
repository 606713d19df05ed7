using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Improvement;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Application.Improvement.National;

/// <summary>
/// The national DTI (issue 15, point 6; docs/improvement.md, "The national DTI"): the national reference values a
/// period's min-max and relative-to-best indicators are scored with, the ministry's published results, and the
/// province's estimate of its national result from its self-assessment.
/// </summary>
public sealed class NationalService(OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods, ResultService results, TimeProvider time)
{
    /// <summary>The framework national results are in when none is named.</summary>
    public const string DefaultFramework = "dti-province-2022";

    /// <summary>The most reference values a period may have.</summary>
    public const int MaxReferences = 10_000;

    /// <summary>The most provinces a national table may have (63 before 2025, 34 after, with room to spare).</summary>
    public const int MaxProvinces = 200;

    /// <summary>The decimals of a published 0–1 value.</summary>
    public const int ValueDecimals = 4;

    /// <summary>Largest measure or points kept (the columns hold 20 digits before the point).</summary>
    private const decimal Largest = 99_999_999_999_999_999_999m;

    // ---- Reference values

    /// <summary>The reference values of period <paramref name="periodId"/>; every signed-in reader may read them.</summary>
    public async Task<Outcome<PeriodReferences>> ReferencesAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        if (actor.Service is not null)
        {
            // Another system's API key reaches its units' values and what any caller reads, not these.
            return Outcome<PeriodReferences>.Forbidden(new AppMessage("NationalEditNotAllowed"));
        }

        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<PeriodReferences>();
        }

        var framework = await frameworks.GetByIdAsync(await db.Periods.Where(p => p.Id == periodId).Select(p => p.FrameworkId).SingleAsync(cancellationToken), cancellationToken);
        var rows = await db.PeriodReferences.AsNoTracking().Where(r => r.PeriodId == periodId).ToListAsync(cancellationToken);
        var order = framework.Nodes.Select((n, i) => (n.Code.Value, i)).ToDictionary(x => x.Value, x => x.i, StringComparer.Ordinal);
        var items = rows
            .OrderBy(r => order.GetValueOrDefault(r.Indicator, int.MaxValue))
            .ThenBy(r => r.Label, StringComparer.Ordinal)
            .Select(r => new PeriodReferenceItem(r.Indicator, framework.FindNode(r.Indicator)?.Name ?? r.Indicator, r.Label, r.Measure))
            .ToArray();
        var latest = rows.MaxBy(r => r.ImportedAt);
        return Outcome<PeriodReferences>.Ok(new PeriodReferences(
            summary.Value!, items, Unreferenced(framework, rows.Select(r => r.Indicator)), latest?.ImportedAt, latest?.ImportedBy, AccessPolicy.CanManagePeriods(actor)));
    }

    /// <summary>
    /// Replaces period <paramref name="periodId"/>'s reference values with <paramref name="entries"/>, checked as a
    /// whole as the command line's <c>--reference</c> reads them (each names a min-max or relative-to-best indicator
    /// of the period's framework and a measure); an empty list removes them. Evaluators and administrators only;
    /// audited (<see cref="AuditKind.National"/>), so that no score computed before is served after (ScoreCache).
    /// </summary>
    /// <returns>How many values the period now has.</returns>
    public async Task<Outcome<int>> ImportReferencesAsync(Actor actor, int periodId, IReadOnlyList<ReferenceEntry?> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<int>.Forbidden(new AppMessage("NationalEditNotAllowed"));
        }

        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<int>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (entries.Count > MaxReferences)
        {
            return Outcome<int>.Invalid(new AppMessage("ReferenceTooMany", MaxReferences), []);
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var cohortLeaves = CohortLeaves(framework);
        var problems = new List<Problem>();
        var seen = new HashSet<(string, string)>();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<PeriodReference>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? new ReferenceEntry(i + 1, null, null, default);
            var code = entry.Indicator?.Trim() ?? string.Empty;
            if (framework.FindNode(code) is null)
            {
                problems.Add(new Problem("APP-REFERENCE-INDICATOR", new AppMessage("ReferenceIndicatorUnknown", entry.Row, Excerpt.Of(code)!, framework.Code), Excerpt.Of(code), "indicator") { Row = entry.Row });
                continue;
            }

            if (!cohortLeaves.Contains(code))
            {
                problems.Add(new Problem("APP-REFERENCE-NOT-COHORT", new AppMessage("ReferenceNotCohort", entry.Row, code), code, "indicator") { Row = entry.Row });
                continue;
            }

            var label = entry.Label?.Trim() is { Length: > 0 } written ? written : code;
            if (label.Length > ImprovementLimits.Label || label.Contains('\0', StringComparison.Ordinal))
            {
                problems.Add(label.Length > ImprovementLimits.Label
                    ? new Problem("APP-TOO-LONG", new AppMessage("NationalFieldTooLong", entry.Row, "label", ImprovementLimits.Label), code, "label") { Row = entry.Row }
                    : new Problem("APP-NUL", new AppMessage("NationalFieldNul", entry.Row, "label"), code, "label") { Row = entry.Row });
                continue;
            }

            if (Measure(entry.Measure) is not { } measure)
            {
                problems.Add(new Problem("APP-REFERENCE-MEASURE", new AppMessage("ReferenceMeasureInvalid", entry.Row, code, Shown(entry.Measure)), code, "measure") { Row = entry.Row });
                continue;
            }

            if (!seen.Add((code, label)))
            {
                problems.Add(new Problem("APP-DUPLICATE", new AppMessage("ReferenceDuplicate", entry.Row, code, Excerpt.Of(label)!), code, "label") { Row = entry.Row });
                continue;
            }

            rows.Add(new PeriodReference { PeriodId = periodId, Indicator = code, Label = label, Measure = measure, ImportedAt = now, ImportedBy = actor.UserName });
        }

        if (problems.Count > 0)
        {
            return Outcome<int>.Invalid(new AppMessage("ReferenceInvalid", problems.Count), problems);
        }

        return await WholeSet.ReplaceAsync(
            db, db.PeriodReferences, r => r.PeriodId == periodId, rows,
            before => AuditTrail.Entry(actor, now, AuditKind.National, "references", before, rows.Count, periodId: periodId), cancellationToken);
    }

    // ---- National results

    /// <summary>The national table of <paramref name="year"/> as recorded (empty when nothing is); every signed-in reader may read it.</summary>
    public async Task<Outcome<NationalTable>> TableAsync(Actor actor, int year, CancellationToken cancellationToken = default)
    {
        if (actor.Service is not null)
        {
            return Outcome<NationalTable>.Forbidden(new AppMessage("NationalEditNotAllowed"));
        }

        if (!ValidYear(year))
        {
            return Outcome<NationalTable>.Invalid(new AppMessage("NationalYearInvalid", year), [new Problem("APP-NATIONAL-YEAR", new AppMessage("NationalYearInvalid", year), Input: "year")]);
        }

        var rows = await db.NationalResults.AsNoTracking().Include(r => r.MainIndices).Where(r => r.Year == year).ToListAsync(cancellationToken);
        var code = rows.Select(r => r.FrameworkCode).FirstOrDefault() ?? DefaultFramework;
        var framework = await frameworks.GetAsync(code, cancellationToken);
        if (!framework.Succeeded)
        {
            return framework.As<NationalTable>();
        }

        return Outcome<NationalTable>.Ok(Table(year, framework.Value!, rows, AccessPolicy.CanManagePeriods(actor)));
    }

    /// <summary>
    /// Records the national results of <paramref name="year"/> in framework <paramref name="frameworkCode"/> (the
    /// default: <see cref="DefaultFramework"/>), checked as a whole: a province named once, at most one of them the
    /// own province, a total between 0 and the framework's total points, points per main index between 0 and its
    /// max, ranks from 1. With <paramref name="replace"/> the year's table becomes exactly <paramref name="entries"/>
    /// (the ministry's whole table); otherwise each province sent replaces its own row and the others stay.
    /// Evaluators and administrators only; audited.
    /// </summary>
    /// <returns>How many provinces the year now has.</returns>
    public async Task<Outcome<int>> SaveTableAsync(
        Actor actor, int year, string? frameworkCode, IReadOnlyList<NationalEntry?> entries, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<int>.Forbidden(new AppMessage("NationalEditNotAllowed"));
        }

        if (!ValidYear(year))
        {
            return Outcome<int>.Invalid(new AppMessage("NationalYearInvalid", year), [new Problem("APP-NATIONAL-YEAR", new AppMessage("NationalYearInvalid", year), Input: "year")]);
        }

        if (entries.Count > MaxProvinces)
        {
            return Outcome<int>.Invalid(new AppMessage("NationalTooMany", MaxProvinces), []);
        }

        var code = string.IsNullOrWhiteSpace(frameworkCode) ? DefaultFramework : frameworkCode.Trim();
        var found = await frameworks.GetAsync(code, cancellationToken);
        if (!found.Succeeded || found.Value!.Level != FrameworkLevel.Province)
        {
            var message = new AppMessage("NationalFrameworkInvalid", Excerpt.Of(code)!);
            return Outcome<int>.Invalid(message, [new Problem("APP-NATIONAL-FRAMEWORK", message, Input: "framework")]);
        }

        var framework = found.Value;
        var existing = await db.NationalResults.Include(r => r.MainIndices).Where(r => r.Year == year).ToListAsync(cancellationToken);
        if (existing.Count > 0 && existing[0].FrameworkCode != framework.Code && !replace)
        {
            var message = new AppMessage("NationalFrameworkDiffers", year, existing[0].FrameworkCode, framework.Code);
            return Outcome<int>.Invalid(message, [new Problem("APP-NATIONAL-FRAMEWORK", message, Input: "framework")]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (results, problems) = Check(actor, year, framework, entries, now);
        var kept = replace ? [] : existing.Where(e => !results.Any(r => Same(r.Province, e.Province))).ToList();
        var owners = kept.Where(k => k.Own).Select(k => k.Province).Concat(results.Where(r => r.Own).Select(r => r.Province)).ToArray();
        if (problems.Count == 0 && owners.Length > 1)
        {
            problems.Add(new Problem("APP-NATIONAL-OWN", new AppMessage("NationalOwnTwice", year, string.Join(", ", owners.Select(o => Excerpt.Of(o)))), Input: "own"));
        }

        if (problems.Count > 0)
        {
            return Outcome<int>.Invalid(new AppMessage("NationalInvalid", problems.Count), problems);
        }

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        var removed = existing.Except(kept).ToList();
        db.NationalResults.RemoveRange(removed);
        // The rows removed are deleted before the new ones are added: a province sent again keeps its unique name.
        await db.SaveChangesAsync(cancellationToken);
        db.NationalResults.AddRange(results);
        db.AuditEntries.Add(AuditTrail.Entry(
            actor, now, AuditKind.National, "results", Summary(removed), Summary(results), subject: year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return await Audit.WholeSet.CommitAsync(db, transaction, kept.Count + results.Count, cancellationToken);
    }

    /// <summary>The framework's main indices, for a national table's columns (a CSV's header).</summary>
    public async Task<Outcome<IReadOnlyList<NationalColumn>>> ColumnsAsync(string? frameworkCode, CancellationToken cancellationToken = default)
    {
        var code = string.IsNullOrWhiteSpace(frameworkCode) ? DefaultFramework : frameworkCode.Trim();
        var found = await frameworks.GetAsync(code, cancellationToken);
        if (!found.Succeeded || found.Value!.Level != FrameworkLevel.Province)
        {
            var message = new AppMessage("NationalFrameworkInvalid", Excerpt.Of(code)!);
            return Outcome<IReadOnlyList<NationalColumn>>.Invalid(message, [new Problem("APP-NATIONAL-FRAMEWORK", message, Input: "framework")]);
        }

        return Outcome<IReadOnlyList<NationalColumn>>.Ok(Columns(found.Value));
    }

    // ---- The estimate

    /// <summary>
    /// The estimate of period <paramref name="periodId"/>, a province-level period: the province's points scored as
    /// every page scores them (with the period's reference values), as national total, DTI and main indices; its
    /// rank placed among the national table of the year before the period's; last year's official result beside
    /// it. Who may read it is who may read the period's results.
    /// </summary>
    public async Task<Outcome<NationalEstimate>> EstimateAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<NationalEstimate>();
        }

        var period = summary.Value!;
        if (actor.Service is not null || !AccessPolicy.CanReadResults(actor, period.Status == PeriodStatus.Published))
        {
            return Outcome<NationalEstimate>.Forbidden(new AppMessage("ResultsNotAllowed"));
        }

        var stored = await db.Periods.AsNoTracking().Include(p => p.Units).SingleAsync(p => p.Id == periodId, cancellationToken);
        var framework = await frameworks.GetByIdAsync(stored.FrameworkId, cancellationToken);
        if (framework.Level != FrameworkLevel.Province)
        {
            return Outcome<NationalEstimate>.Invalid(new AppMessage("NationalEstimateNotProvince", period.Name), []);
        }

        var memberIds = stored.Units.Select(u => u.UnitId).ToArray();
        var provinces = await db.Units.AsNoTracking().Where(u => memberIds.Contains(u.Id) && u.Level == UnitLevel.Province).Select(u => u.Id).ToListAsync(cancellationToken);
        var member = stored.Units.Where(u => provinces.Contains(u.UnitId)).OrderBy(u => u.UnitCode, StringComparer.Ordinal).FirstOrDefault()
            ?? (stored.Units.Count == 1 ? stored.Units[0] : null);
        if (member is null)
        {
            return Outcome<NationalEstimate>.Invalid(new AppMessage("NationalEstimateNoProvince", period.Name), []);
        }

        var (scores, _) = await results.ScoreAsync(periodId, cancellationToken);
        var unit = scores.Find(member.UnitCode)!;
        var tableYear = period.Year - 1;
        var table = await db.NationalResults.AsNoTracking().Include(r => r.MainIndices).Where(r => r.Year == tableYear).ToListAsync(cancellationToken);
        var own = table.FirstOrDefault(r => r.Own);
        var others = table.Where(r => !r.Own).ToArray();
        var lastYear = own is null ? null : Province(own, await ColumnsOfAsync(own.FrameworkCode, framework, cancellationToken), TotalOf(framework));
        var referenced = await ReferencesAsync(actor, periodId, cancellationToken);
        var references = referenced.Value!.Items.Select(i => i.Indicator).ToArray();
        var total = unit.Total;
        var mainIndices = framework.MainIndices.Select(m =>
        {
            var points = unit[m].Points;
            return new EstimateMainIndex(
                m.Code.Value, m.Name, m.MaxPoints, points, ValueOf(points, m.MaxPoints), lastYear?.MainIndices.FirstOrDefault(l => l.Code == m.Code.Value));
        }).ToArray();
        return Outcome<NationalEstimate>.Ok(new NationalEstimate(
            period,
            member.UnitCode,
            member.UnitName,
            framework.Code,
            TotalOf(framework),
            total,
            ValueOf(total, TotalOf(framework)),
            mainIndices,
            tableYear,
            others.Length == 0 ? null : 1 + others.Count(o => o.Total > total),
            others.Length + 1,
            lastYear,
            references.Length,
            referenced.Value.Unreferenced)
        {
            ReferenceItems = referenced.Value.Items,
            CanImport = referenced.Value.CanImport,
        });
    }

    // ---- Helpers

    /// <summary>A published 0–1 value: <paramref name="points"/> over <paramref name="max"/>, to 4 decimals (half away from zero).</summary>
    public static decimal ValueOf(decimal points, decimal max) =>
        max <= 0 ? 0m : decimal.Round(points / max, ValueDecimals, MidpointRounding.AwayFromZero);

    /// <summary>The leaves whose rule compares the unit with the cohort (min-max, relative to best).</summary>
    public static HashSet<string> CohortLeaves(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return framework.Leaves.Where(l => l.Rule!.Formula.CohortCalls.Count > 0).Select(l => l.Code.Value).ToHashSet(StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> Unreferenced(Framework framework, IEnumerable<string> referenced)
    {
        var have = referenced.ToHashSet(StringComparer.Ordinal);
        return framework.Leaves.Where(l => l.Rule!.Formula.CohortCalls.Count > 0 && !have.Contains(l.Code.Value)).Select(l => l.Code.Value).ToArray();
    }

    private static decimal TotalOf(Framework framework) => framework.TotalPoints;

    private static bool ValidYear(int year) => year is >= 2000 and <= 2100;

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<NationalColumn> Columns(Framework framework) =>
        framework.MainIndices.Select(m => new NationalColumn(m.Code.Value, m.Name, m.MaxPoints)).ToArray();

    private async Task<IReadOnlyList<NationalColumn>> ColumnsOfAsync(string code, Framework fallback, CancellationToken cancellationToken) =>
        code == fallback.Code ? Columns(fallback) : (await frameworks.GetAsync(code, cancellationToken)) is { Succeeded: true } other ? Columns(other.Value!) : Columns(fallback);

    private static NationalTable Table(int year, Framework framework, IReadOnlyList<NationalResult> rows, bool canEdit)
    {
        var columns = Columns(framework);
        var provinces = rows
            .Select(r => Province(r, columns, TotalOf(framework)))
            .OrderBy(p => p.Rank ?? int.MaxValue)
            .ThenByDescending(p => p.Total)
            .ThenBy(p => p.Province, StringComparer.Ordinal)
            .ToArray();
        return new NationalTable(year, framework.Code, TotalOf(framework), columns, provinces, canEdit);
    }

    private static NationalProvince Province(NationalResult row, IReadOnlyList<NationalColumn> columns, decimal totalPoints) => new(
        row.Province,
        row.Own,
        row.Total,
        ValueOf(row.Total, totalPoints),
        row.Rank,
        row.Source,
        columns
            .Select(c => row.MainIndices.FirstOrDefault(m => m.MainIndex == c.Code) is { } m ? new NationalIndexResult(c.Code, m.Points, ValueOf(m.Points, c.MaxPoints), m.Rank) : null)
            .OfType<NationalIndexResult>()
            .ToArray(),
        row.RecordedAt,
        row.RecordedBy);

    private static string Summary(IEnumerable<NationalResult> rows) =>
        string.Join("; ", rows.OrderBy(r => r.Province, StringComparer.Ordinal).Select(r => string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $"{r.Province}{(r.Own ? " (*)" : string.Empty)} {r.Total} #{r.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}")));

    private static (List<NationalResult> Results, List<Problem> Problems) Check(Actor actor, int year, Framework framework, IReadOnlyList<NationalEntry?> entries, DateTime now)
    {
        var problems = new List<Problem>();
        var results = new List<NationalResult>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var mainIndices = framework.MainIndices.ToDictionary(m => m.Code.Value, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? new NationalEntry(i + 1, null, null, default, default, null, null);
            var row = entry.Row;
            var before = problems.Count;
            var province = entry.Province?.Trim() ?? string.Empty;
            if (province.Length == 0 || province.Length > ImprovementLimits.Label || province.Contains('\0', StringComparison.Ordinal))
            {
                problems.Add(new Problem("APP-NATIONAL-PROVINCE", new AppMessage("NationalProvinceInvalid", row, ImprovementLimits.Label), Input: "province") { Row = row });
                continue;
            }

            if (!names.Add(province))
            {
                problems.Add(new Problem("APP-DUPLICATE", new AppMessage("NationalProvinceTwice", row, Excerpt.Of(province)!), Input: "province") { Row = row, Unit = Excerpt.Of(province) });
                continue;
            }

            var own = Yes(entry.Own);
            if (own is null)
            {
                problems.Add(new Problem("APP-NATIONAL-OWN", new AppMessage("NationalOwnInvalid", row, Excerpt.Of(entry.Own)!), Input: "own") { Row = row, Unit = Excerpt.Of(province) });
            }

            var total = Number(entry.Total);
            if (total is not { } t || t < 0 || t > framework.TotalPoints)
            {
                problems.Add(new Problem("APP-NATIONAL-POINTS", new AppMessage("NationalPointsInvalid", row, Excerpt.Of(province)!, "total", Shown(entry.Total), framework.TotalPoints), Input: "total") { Row = row, Unit = Excerpt.Of(province) });
            }

            var rank = Rank(entry.Rank, out var rankValid);
            if (!rankValid)
            {
                problems.Add(new Problem("APP-NATIONAL-RANK", new AppMessage("NationalRankInvalid", row, Excerpt.Of(province)!, "rank", Shown(entry.Rank)), Input: "rank") { Row = row, Unit = Excerpt.Of(province) });
            }

            var source = string.IsNullOrWhiteSpace(entry.Source) ? null : entry.Source.Trim();
            if (source is { Length: > ImprovementLimits.Label } || source?.Contains('\0', StringComparison.Ordinal) == true)
            {
                problems.Add(source!.Length > ImprovementLimits.Label
                    ? new Problem("APP-TOO-LONG", new AppMessage("NationalFieldTooLong", row, "source", ImprovementLimits.Label), Input: "source") { Row = row, Unit = Excerpt.Of(province) }
                    : new Problem("APP-NUL", new AppMessage("NationalFieldNul", row, "source"), Input: "source") { Row = row, Unit = Excerpt.Of(province) });
            }

            var result = new NationalResult
            {
                Year = year, FrameworkCode = framework.Code, Province = province, Own = own == true, Total = total ?? 0, Rank = rank, Source = source,
                RecordedAt = now, RecordedBy = actor.UserName,
            };
            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var index in entry.MainIndices ?? [])
            {
                var code = index?.Code?.Trim() ?? string.Empty;
                if (!mainIndices.TryGetValue(code, out var node))
                {
                    problems.Add(new Problem("APP-NATIONAL-INDEX", new AppMessage("NationalMainIndexUnknown", row, Excerpt.Of(code)!, framework.Code), Excerpt.Of(code), "mainIndex") { Row = row, Unit = Excerpt.Of(province) });
                    continue;
                }

                if (index!.Points.IsEmpty && index.Rank.IsEmpty)
                {
                    continue;
                }

                if (!codes.Add(code))
                {
                    problems.Add(new Problem("APP-DUPLICATE", new AppMessage("NationalMainIndexTwice", row, code), code, "mainIndex") { Row = row, Unit = Excerpt.Of(province) });
                    continue;
                }

                var points = Number(index.Points);
                if (points is not { } p || p < 0 || p > node.MaxPoints)
                {
                    problems.Add(new Problem("APP-NATIONAL-POINTS", new AppMessage("NationalPointsInvalid", row, Excerpt.Of(province)!, code, Shown(index.Points), node.MaxPoints), code, "points") { Row = row, Unit = Excerpt.Of(province) });
                    continue;
                }

                var indexRank = Rank(index.Rank, out var indexRankValid);
                if (!indexRankValid)
                {
                    problems.Add(new Problem("APP-NATIONAL-RANK", new AppMessage("NationalRankInvalid", row, Excerpt.Of(province)!, code, Shown(index.Rank)), code, "rank") { Row = row, Unit = Excerpt.Of(province) });
                    continue;
                }

                result.MainIndices.Add(new NationalMainIndexResult { MainIndex = code, Points = p, Rank = indexRank });
            }

            if (problems.Count == before)
            {
                results.Add(result);
            }
        }

        return (results, problems);
    }

    private static string Shown(Figure figure) =>
        figure.Number is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : Excerpt.Of(figure.Text ?? string.Empty)!;

    /// <summary>A measure as the command line's reference file reads it: a percentage is divided by 100.</summary>
    private static decimal? Measure(Figure figure)
    {
        decimal value;
        if (figure.Number is { } number)
        {
            value = number;
        }
        else
        {
            var read = NumberReader.Read(figure.Text);
            if (!read.Succeeded)
            {
                return null;
            }

            value = read.Percent ? read.Value / 100m : read.Value;
        }

        return Math.Abs(value) <= Largest && decimal.Round(value, 8) == value ? value : null;
    }

    private static decimal? Number(Figure figure)
    {
        if (figure.Number is { } number)
        {
            return Math.Abs(number) <= Largest && decimal.Round(number, 8) == number ? number : null;
        }

        var read = NumberReader.Read(figure.Text);
        return read.Succeeded && !read.Percent && Math.Abs(read.Value) <= Largest && decimal.Round(read.Value, 8) == read.Value ? read.Value : null;
    }

    /// <summary>A rank: empty is none; otherwise a whole number from 1.</summary>
    private static int? Rank(Figure figure, out bool valid)
    {
        valid = true;
        if (figure.IsEmpty)
        {
            return null;
        }

        var value = figure.Number ?? (NumberReader.Read(figure.Text, count: true) is { Succeeded: true, Percent: false } read ? read.Value : -1m);
        if (value < 1 || value > 10_000 || value != decimal.Truncate(value))
        {
            valid = false;
            return null;
        }

        return (int)value;
    }

    /// <summary>có/không and the like; empty is no; null when it is neither.</summary>
    private static bool? Yes(string? text) => (text?.Trim().ToLowerInvariant() ?? string.Empty) switch
    {
        "" or "không" or "khong" or "no" or "false" or "0" => false,
        "có" or "co" or "x" or "yes" or "true" or "1" => true,
        _ => null,
    };
}
