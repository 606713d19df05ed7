using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>The actors of each role, as the web application loads them from their accounts.</summary>
internal static class Actors
{
    public static Actor Admin { get; } = Of("admin", Roles.Administrator, null);

    public static Actor Evaluator { get; } = Of("evaluator", Roles.Evaluator, null);

    public static Actor Viewer { get; } = Of("viewer", Roles.Viewer, null);

    public static Actor Reporter(int unitId) => Of("reporter", Roles.UnitReporter, unitId);

    public static Actor Leader(int unitId) => Of("leader", Roles.UnitLeader, unitId);

    /// <summary>Every actor but the administrator (some bound to <paramref name="unitId"/>).</summary>
    public static IEnumerable<Actor> NotAdministrators(int unitId) => [Evaluator, Viewer, Reporter(unitId), Leader(unitId)];

    private static Actor Of(string name, string role, int? unitId) => new("id-" + name, name, new HashSet<string>([role]), unitId);
}

/// <summary>
/// A fresh database with the built-in frameworks and a small province, created by an administrator
/// through <see cref="UnitDirectory"/>: TINH; departments SO-A, SO-B, SO-C; district HUYEN-1 with
/// commune XA-1-1. Each department has its general information for 2024. Every call runs in a scope
/// of its own, as requests do.
/// </summary>
public sealed class SmallProvince : IAsyncDisposable
{
    /// <summary>The departments of the province.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Departments =
    [
        ("SO-A", "Sở A"),
        ("SO-B", "Sở B"),
        ("SO-C", "Sở C"),
    ];

    private SmallProvince(TestDatabase database) => Database = database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The database.</summary>
    public TestDatabase Database { get; }

    /// <summary>Creates the database and the province.</summary>
    public static Task<SmallProvince> CreateAsync() => CreateAsync("Sqlite");

    /// <summary>Creates the database of <paramref name="databaseProvider"/> ("Sqlite" or "Postgres", see <see cref="TestDatabase.CreateAsync(string)"/>) and the province.</summary>
    public static async Task<SmallProvince> CreateAsync(string databaseProvider)
    {
        var province = new SmallProvince(await TestDatabase.CreateAsync(databaseProvider));
        await province.InScopeAsync(async s =>
        {
            await s.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync(Ct);
            return true;
        });
        var created = new List<Outcome<Unit>>
        {
            await province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "TINH", "Tỉnh Thử", UnitLevel.Province, null, cancellationToken: Ct)),
        };
        foreach (var (code, name) in Departments)
        {
            created.Add(await province.UnitsAsync(u => u.CreateAsync(Actors.Admin, code, name, UnitLevel.Department, "TINH", cancellationToken: Ct)));
        }

        created.Add(await province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "HUYEN-1", "Huyện Một", UnitLevel.District, "TINH", cancellationToken: Ct)));
        created.Add(await province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-1-1", "Xã Một", UnitLevel.Commune, "HUYEN-1", cancellationToken: Ct)));
        Assert.All(created, c => Assert.True(c.Succeeded, c.Message?.ToString()));

        for (var i = 0; i < Departments.Count; i++)
        {
            var profile = DepartmentProfile(i);
            var set = await province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, Departments[i].Code, 2024, profile, Ct));
            Assert.True(set.Succeeded, set.Message?.ToString());
        }

        return province;
    }

    /// <summary>The 2024 general information of the <paramref name="index"/>th department.</summary>
    public static IReadOnlyDictionary<string, decimal> DepartmentProfile(int index) => new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["civil_servants"] = 40 + (10 * index),
        ["public_employees"] = 60 + (20 * index),
        ["subordinate_units"] = 4 + index,
    };

    /// <summary>Runs <paramref name="action"/> with the services of a scope of its own.</summary>
    public Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action) => Database.InScopeAsync(action);

    /// <summary>Runs <paramref name="action"/> on the database in a scope of its own.</summary>
    public Task<T> InDbAsync<T>(Func<OpenDtiDbContext, Task<T>> action) =>
        Database.InScopeAsync(s => action(s.GetRequiredService<OpenDtiDbContext>()));

    /// <summary>Runs <paramref name="action"/> on the unit directory in a scope of its own.</summary>
    public Task<T> UnitsAsync<T>(Func<UnitDirectory, Task<T>> action) =>
        Database.InScopeAsync(s => action(s.GetRequiredService<UnitDirectory>()));

    /// <summary>Runs <paramref name="action"/> on the period service in a scope of its own.</summary>
    public Task<T> PeriodsAsync<T>(Func<PeriodService, Task<T>> action) =>
        Database.InScopeAsync(s => action(s.GetRequiredService<PeriodService>()));

    /// <summary>Runs <paramref name="action"/> on the value service in a scope of its own.</summary>
    public Task<T> ValuesAsync<T>(Func<ValueService, Task<T>> action) =>
        Database.InScopeAsync(s => action(s.GetRequiredService<ValueService>()));

    /// <summary>Runs <paramref name="action"/> on the publication service in a scope of its own.</summary>
    public Task<T> PublicationsAsync<T>(Func<PublicationService, Task<T>> action) =>
        Database.InScopeAsync(s => action(s.GetRequiredService<PublicationService>()));

    /// <summary>Publishes <paramref name="periodId"/>'s results as an evaluator (a correction needs <paramref name="reason"/>), previewed and confirmed; the publication.</summary>
    public async Task<PublicationSummary> PublishAsync(int periodId, string? reason = null)
    {
        var published = await ConfirmedPublishAsync(Actors.Evaluator, periodId, reason);
        Assert.True(published.Succeeded, published.Message?.ToString());
        return published.Value!;
    }

    /// <summary>
    /// Publishes as a person does: <paramref name="actor"/> previews, then confirms with the preview's
    /// confirmation. When the preview is refused, the publication is asked for without one, for its refusal.
    /// </summary>
    public async Task<Outcome<PublicationSummary>> ConfirmedPublishAsync(Actor actor, int periodId, string? reason = null)
    {
        var preview = await PublicationsAsync(p => p.PreviewAsync(actor, periodId, Ct));
        return await PublicationsAsync(p => p.PublishAsync(actor, periodId, reason, preview.Value?.Confirmation, Ct));
    }

    /// <summary>
    /// Marks the submissions of <paramref name="codes"/> in <paramref name="periodId"/> finalised, as if each had
    /// gone through the review cycle: a publication then ranks them as scored.
    /// </summary>
    public Task FinaliseAsync(int periodId, params string[] codes) =>
        InDbAsync(async db =>
        {
            foreach (var code in codes)
            {
                var unitId = (await db.Units.SingleAsync(u => u.Code == code, Ct)).Id;
                var submission = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == periodId && s.UnitId == unitId, Ct);
                if (submission is null)
                {
                    db.Submissions.Add(new Data.Review.Submission { PeriodId = periodId, UnitId = unitId, State = Core.Review.SubmissionState.Finalised, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
                }
                else
                {
                    submission.State = Core.Review.SubmissionState.Finalised;
                }
            }

            return await db.SaveChangesAsync(Ct);
        });

    /// <summary>The unit <paramref name="code"/> as stored now.</summary>
    public async Task<Unit> UnitAsync(string code) =>
        await InDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == code, Ct));

    /// <summary>The history of <paramref name="code"/>, as the directory lists it.</summary>
    public async Task<IReadOnlyList<UnitEvent>> HistoryAsync(string code)
    {
        var id = (await UnitAsync(code)).Id;
        return await UnitsAsync(u => u.HistoryAsync(id, Ct));
    }

    /// <summary>Creates a period of dti-department-2022 for 2024 (every active department unless <paramref name="units"/>) and opens it.</summary>
    public async Task<PeriodSummary> OpenDepartmentPeriodAsync(
        string name = "Đánh giá DTI các sở năm 2024", DateOnly? opensOn = null, IReadOnlyList<string>? units = null)
    {
        var opens = opensOn ?? new DateOnly(2024, 11, 1);
        var created = await PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2024, name, opens, opens.AddMonths(2), units, Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        var opened = await PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, created.Value!.Id, PeriodStatus.Open, Ct));
        Assert.True(opened.Succeeded, opened.Message?.ToString());
        return opened.Value!;
    }

    /// <summary>
    /// Reports every input of dti-department-2022 for <paramref name="code"/> in <paramref name="periodId"/>, as the
    /// unit's reporter, with figures of <paramref name="quality"/> (0 weak, 1 excellent).
    /// </summary>
    public async Task ReportAsync(int periodId, string code, decimal quality, int seed)
    {
        var unit = await UnitAsync(code);
        var framework = await InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022", Ct));
        var index = Departments.Select(d => d.Code).ToList().IndexOf(code);
        var changes = new DemoValueGenerator(new DemoRandom(seed)).Generate(framework.Value!.Leaves, quality, DepartmentProfile(Math.Max(index, 0)));
        // The unit reports while its period is open: a period of a past year is reported on its first day.
        var clock = Database.Services.GetRequiredService<TestClock>();
        var now = clock.GetUtcNow();
        var period = await PeriodsAsync(p => p.GetAsync(periodId, Ct));
        if (period.Value!.ClosesOn < VietnamTime.Today(clock))
        {
            clock.SetDay(period.Value.OpensOn);
        }

        var saved = await ValuesAsync(v => v.SaveAsync(Actors.Reporter(unit.Id), periodId, code, changes, AuditChannel.Page, cancellationToken: Ct));
        clock.SetMoment(now);
        Assert.True(saved.Succeeded, saved.Message + " " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator} {p.Input}: {p.Message}")));
    }

    /// <summary>
    /// A period's results as text, one line per unit in rank order: code, name, total, rank, what it
    /// reported, and each main index's points and rank. Two equal snapshots mean the same results.
    /// </summary>
    public async Task<string[]> ResultsAsync(int periodId)
    {
        var results = await InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Evaluator, periodId, Ct));
        Assert.True(results.Succeeded, results.Message?.ToString());
        return results.Value!.Units.Select(Line).ToArray();

        static string Line(UnitResult u)
        {
            var mainIndices = string.Join(" ", u.MainIndices.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Code}={m.Points}#{m.Rank}")));
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{u.UnitCode} | {u.UnitName} | {u.Total} | #{u.Rank} | {u.Submitted} {u.Complete} {u.AnsweredInputs}/{u.TotalInputs} | {mainIndices}");
        }
    }

    /// <summary>The values stored for <paramref name="periodId"/>, by unit id, indicator and input, with their version.</summary>
    public async Task<string[]> StoredValuesAsync(int periodId) =>
        (await InDbAsync(db => db.ReportedValues.AsNoTracking().Where(v => v.PeriodId == periodId).ToListAsync(Ct)))
            .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.UnitId} {v.Indicator} {v.Input} = {v.Value} v{v.Version}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
