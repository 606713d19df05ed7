using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Application.Demo;

/// <summary>
/// The demo's communes assessed on the built-in commune framework of 2025 (<c>dti-commune-2025</c>, issue 17):
/// a period "Đánh giá DTI cấp xã năm 2025" whose cohort is the demo's communes as they are on the day it opens,
/// with values spread as real communes are: a few strong, most middling, a few weak.
/// </summary>
/// <remarks>
/// <para>
/// Seeded after everything else with a chance of its own (<c>new Random(2025)</c>), so that the earlier periods,
/// their ids and their figures do not move. The values come from <see cref="DemoValueGenerator"/> (the rules are
/// inverted, so every value is valid), one main index at a time with the unit's quality shifted by how communes
/// usually fare on it: weakest on the digital economy, which a commune barely measures.
/// </para>
/// <para>
/// The framework declares no general information, so the totals (population, households, staff) that size the
/// denominators are drawn here per commune and are not stored: a merged commune of the two-level government has
/// 15 to 60 thousand inhabitants, 25 to 45 civil servants and 8 to 30 villages or residential groups.
/// </para>
/// </remarks>
internal static class DemoCommunes2025
{
    /// <summary>The framework.</summary>
    public const string Framework = "dti-commune-2025";

    /// <summary>The year assessed.</summary>
    public const int Year = 2025;

    /// <summary>The period's name.</summary>
    public const string PeriodName = "Đánh giá DTI cấp xã năm 2025";

    /// <summary>The day the period opens, on which the cohort is taken.</summary>
    public static readonly DateOnly OpensOn = new(Year, 11, 1);

    /// <summary>The seed of this part's chance.</summary>
    public const int Seed = 2025;

    /// <summary>How communes usually fare on each main index, added to a unit's quality (by main index code).</summary>
    private static readonly Dictionary<string, decimal> Bias = new(StringComparer.Ordinal)
    {
        ["1"] = 0.05m,  // Hạ tầng và Nền tảng số: the carriers' networks reach most communes.
        ["2"] = 0m,     // Nhân lực số.
        ["3"] = 0.05m,  // An toàn thông tin: most systems are the province's, run centrally.
        ["4"] = 0.05m,  // Hoạt động chính quyền số: the province's platforms do much of it.
        ["5"] = -0.2m,  // Hoạt động Kinh tế số: barely measured at the commune level.
        ["6"] = -0.05m, // Hoạt động Xã hội số.
    };

    /// <summary>
    /// The period's cohort: the scored communes active on the day the period opens, in code order. After the 2025
    /// reform these are the merged communes directly under the province; the communes they absorbed are closed by then.
    /// </summary>
    public static IReadOnlyList<string> Cohort(IEnumerable<Unit> units) =>
        units.Where(u => u.Level == UnitLevel.Commune && !u.NotScored && u.IsActiveOn(OpensOn))
            .Select(u => u.Code)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A quality per commune (0 weak … 1 excellent), in the order given: about one in six strong (0,80–0,95), one in
    /// six weak (0,20–0,40), the rest middling (0,45–0,75), the strong and weak ones spread through the list.
    /// </summary>
    public static IReadOnlyList<decimal> Qualities(int count, DemoRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var strong = Math.Max(1, (int)Math.Round(count / 6m, MidpointRounding.AwayFromZero));
        var weak = Math.Max(1, (int)Math.Round(count / 6m, MidpointRounding.AwayFromZero));
        var kinds = random.Shuffle(Enumerable.Range(0, count).Select(i => i < strong ? 2 : i < strong + weak ? 0 : 1));
        return kinds.Select(kind => kind switch
        {
            2 => random.Between(0.80m, 0.95m),
            0 => random.Between(0.20m, 0.40m),
            _ => random.Between(0.45m, 0.75m),
        }).ToList();
    }

    /// <summary>
    /// The values every commune of <paramref name="communes"/> reports on <paramref name="framework"/> (the commune
    /// framework of 2025), each for every input; the same codes give the same values.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ValueChange>> Values(Framework framework, IEnumerable<string> communes)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(communes);
        var codes = communes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var random = new DemoRandom(Seed);
        var qualities = Qualities(codes.Count, random);
        var generator = new DemoValueGenerator(random);
        var values = new Dictionary<string, IReadOnlyList<ValueChange>>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var sizes = Sizes(random);
            var changes = new List<ValueChange>();
            foreach (var main in framework.MainIndices)
            {
                var quality = Math.Clamp(qualities[i] + Bias.GetValueOrDefault(main.Code.Value), 0.05m, 1m);
                changes.AddRange(generator.Generate(main.SelfAndDescendants().Where(n => n.IsLeaf), quality, sizes));
            }

            values[codes[i]] = Spending(changes, qualities[i], random);
        }

        return values;
    }

    /// <summary>
    /// Spending on digital transformation that adds up, which the generator cannot know across indicators: 4.7 (all
    /// state budget) is 4.8 (recurrent) plus 4.9 (investment), from 0,2 to 2 tỷ đồng a year by the commune's quality.
    /// </summary>
    private static List<ValueChange> Spending(List<ValueChange> changes, decimal quality, DemoRandom random)
    {
        var total = Math.Round((0.2m + (1.8m * quality)) * random.Between(0.8m, 1.1m), 2);
        var investment = Math.Round(total * random.Between(0.2m, 0.6m), 2);
        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["4.7"] = total,
            ["4.8"] = total - investment,
            ["4.9"] = investment,
        };
        return changes.Select(c => amounts.TryGetValue(c.Indicator, out var amount)
            ? c with { Value = amount.ToString("0.##", CultureInfo.InvariantCulture) }
            : c).ToList();
    }

    /// <summary>The totals that size a commune's denominators (not stored: the framework has no general information).</summary>
    private static Dictionary<string, decimal> Sizes(DemoRandom random)
    {
        var population = Math.Round(random.Between(15_000m, 60_000m));
        var civilServants = random.Next(25, 46);
        return new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["population"] = population,
            ["households"] = Math.Round(population / random.Between(3.3m, 3.9m)),
            ["adult_population"] = Math.Round(population * random.Between(0.74m, 0.78m)),
            ["civil_servants"] = civilServants,
            ["public_employees"] = random.Next(5, 31),
            ["workstations"] = civilServants + random.Next(5, 20),
            ["villages"] = random.Next(8, 31),
            ["enterprises"] = Math.Round(population / 1000m * random.Between(1.5m, 6m)),
            ["administrative_procedures"] = random.Next(250, 400),

            // Systems the commune runs itself: most run none, their systems are the province's (3.1–3.3).
            ["information_systems"] = random.Next(0, 4),
        };
    }

    /// <summary>
    /// Creates and opens the period over <see cref="Cohort"/> and has every commune report: all but about one in
    /// ten report everything; those report the first three main indices only (18 of the 62 indicators). Nothing
    /// happens when the framework is not stored or there is no commune.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider provider, Actor actor, CancellationToken ct)
    {
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        var periods = provider.GetRequiredService<PeriodService>();
        var valueService = provider.GetRequiredService<ValueService>();
        var time = provider.GetRequiredService<TimeProvider>();
        var framework = (await provider.GetRequiredService<FrameworkCatalog>().GetAsync(Framework, ct)).Value;
        var cohort = Cohort(await db.Units.AsNoTracking().ToListAsync(ct));
        if (framework is null || cohort.Count == 0)
        {
            return;
        }

        var today = VietnamTime.Today(time);
        var closesOn = today.AddDays(30) > OpensOn ? today.AddDays(30) : OpensOn;
        var created = await periods.CreateAsync(actor, Framework, Year, PeriodName, OpensOn, closesOn, cohort, ct);
        var period = created.Value ?? throw new InvalidOperationException($"The demo's commune period was refused: {created.Message} " + string.Join("; ", created.Problems.Select(p => p.Message)));
        Check(await periods.SetStatusAsync(actor, period.Id, PeriodStatus.Open, ct));

        var values = Values(framework, cohort);
        var partly = new HashSet<string>(cohort.Where((_, i) => i % 10 == 7), StringComparer.Ordinal);
        foreach (var code in cohort)
        {
            var changes = values[code];
            if (partly.Contains(code))
            {
                // A commune still gathering its figures: the first three main indices only.
                changes = changes.Where(c => c.Indicator[0] is '1' or '2' or '3').ToList();
            }

            var saved = await valueService.SaveAsync(actor, period.Id, code, changes, AuditChannel.Seed, "Dữ liệu mẫu", cancellationToken: ct);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo values of {code} for {Framework} were refused: " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator}/{p.Input}: {p.Message}")));
            }

            db.ChangeTracker.Clear();
        }
    }

    private static void Check<T>(Outcome<T> outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo commune period step refused: {outcome.Message}");
        }
    }
}
