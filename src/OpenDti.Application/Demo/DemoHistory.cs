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

namespace OpenDti.Application.Demo;

/// <summary>
/// The demo province's past year (issue 15, trends over the years): the departments' and the districts' periods
/// of 2023, closed, with every unit's figures reported, so that the 2024 ranking and scorecards draw a line over
/// two years and compare with last year. The province's own 2023 self-assessment already exists.
/// </summary>
/// <remarks>
/// Seeded after everything else, through the same use cases, with a chance of its own (<c>new Random(2023)</c>):
/// the figures of the current year do not move, and two seedings give the same past.
/// </remarks>
internal static class DemoHistory
{
    /// <summary>The past year seeded.</summary>
    public const int Year = 2023;

    /// <summary>The past periods: framework, name.</summary>
    public static IReadOnlyList<(string Framework, string Name)> Periods { get; } =
    [
        ("dti-department-2022", "Đánh giá DTI các sở, ban, ngành năm 2023"),
        ("dti-district-2023", "Đánh giá DTI cấp huyện năm 2023"),
    ];

    public static async Task SeedAsync(IServiceProvider provider, Actor actor, CancellationToken ct)
    {
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        var periods = provider.GetRequiredService<PeriodService>();
        var values = provider.GetRequiredService<ValueService>();
        var frameworks = provider.GetRequiredService<FrameworkCatalog>();
        var random = new DemoRandom(Year);
        foreach (var (code, name) in Periods)
        {
            var framework = (await frameworks.GetAsync(code, ct)).Value;
            if (framework is null)
            {
                continue;
            }

            var created = await periods.CreateAsync(actor, code, Year, name, new DateOnly(Year, 11, 1), new DateOnly(Year, 12, 20), cancellationToken: ct);
            var period = created.Value ?? throw new InvalidOperationException($"The demo's {Year} period of {code} was refused: {created.Message}");
            Check(await periods.SetStatusAsync(actor, period.Id, PeriodStatus.Open, ct), code);
            var members = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == period.Id)
                .Select(u => new { u.UnitId, u.UnitCode }).ToListAsync(ct);
            var generator = new DemoValueGenerator(random);
            foreach (var member in members.OrderBy(m => m.UnitCode, StringComparer.Ordinal))
            {
                var profile = await db.UnitProfileValues.AsNoTracking()
                    .Where(p => p.UnitId == member.UnitId && p.Year == Year)
                    .ToDictionaryAsync(p => p.Key, p => p.Value, ct);

                // Every unit reported last year, from weak to good: a line for each.
                var changes = generator.Generate(framework.Leaves, random.Between(0.3m, 0.9m), profile);
                var saved = await values.SaveAsync(actor, period.Id, member.UnitCode, changes, AuditChannel.Seed, "Dữ liệu mẫu năm trước", cancellationToken: ct);
                if (!saved.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"Demo values of {member.UnitCode} for {code} {Year} were refused: " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator}/{p.Input}: {p.Message}")));
                }

                db.ChangeTracker.Clear();
            }

            Check(await periods.SetStatusAsync(actor, period.Id, PeriodStatus.Closed, ct), code);
            db.ChangeTracker.Clear();
        }
    }

    private static void Check<T>(Outcome<T> outcome, string what)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo history step refused for {what}: {outcome.Message}");
        }
    }
}
