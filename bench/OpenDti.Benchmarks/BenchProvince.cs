using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Benchmarks;

/// <summary>
/// A province at provincial scale for the application benchmarks: a SQLite database in a temporary folder,
/// migrated, with the built-in frameworks, a province "TINH" and <c>SO-0000…</c> departments under it, and
/// the periods and values each benchmark asks for. The values come from the demo's generator, so every
/// benchmark measures the same kind of province.
/// </summary>
internal sealed class BenchProvince : IDisposable
{
    /// <summary>The framework every benchmark scores.</summary>
    public const string Framework = "dti-department-2022";

    private static readonly Actor Seeder = Actor.System("bench", AuditChannel.Seed);

    private readonly string _directory;

    private BenchProvince(string directory, ServiceProvider services)
    {
        _directory = directory;
        Services = services;
    }

    /// <summary>The application's services over the benchmark's database.</summary>
    public ServiceProvider Services { get; }

    /// <summary>A migrated database with the built-in frameworks and the province, in a new temporary folder.</summary>
    public static async Task<BenchProvince> CreateAsync(string name)
    {
        var directory = Directory.CreateTempSubdirectory("opendti-" + name + "-bench").FullName;
        var services = new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(directory))
            .AddOpenDtiApplication()
            .BuildServiceProvider();
        var province = new BenchProvince(directory, services);
        await province.InScopeAsync(async s =>
        {
            await s.GetRequiredService<OpenDtiDbContext>().Database.MigrateAsync();
            await s.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync();
            return Check(await s.GetRequiredService<UnitDirectory>().CreateAsync(Seeder, "TINH", "Tỉnh", UnitLevel.Province, null));
        });
        return province;
    }

    /// <summary>The code of the <paramref name="i"/>-th department.</summary>
    public static string Code(int i) => "SO-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The general information of a department, varied by <paramref name="i"/>.</summary>
    public static Dictionary<string, decimal> Profile(int i) => new(StringComparer.Ordinal)
    {
        ["civil_servants"] = 40 + (i % 50),
        ["public_employees"] = 60 + (i % 70),
        ["subordinate_units"] = 4 + (i % 9),
    };

    /// <summary>What a use case answered, or an exception saying why it refused (a benchmark's setup must not go on).</summary>
    public static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(outcome.Message?.ToString());

    /// <summary>Adds <paramref name="count"/> departments under the province, with a profile for each of <paramref name="years"/> (department i of year y gets <see cref="Profile"/>(i + <paramref name="offset"/>(y))).</summary>
    public Task AddDepartmentsAsync(int count, IReadOnlyList<int> years, Func<int, int> offset) => InScopeAsync(async s =>
    {
        var units = s.GetRequiredService<UnitDirectory>();
        for (var i = 0; i < count; i++)
        {
            Check(await units.CreateAsync(Seeder, Code(i), "Đơn vị " + i, UnitLevel.Department, "TINH"));
            foreach (var year in years)
            {
                Check(await units.SetProfileAsync(Seeder, Code(i), year, Profile(i + offset(year))));
            }
        }

        return 0;
    });

    /// <summary>An open period of <see cref="Framework"/> for <paramref name="year"/> whose cohort is the first <paramref name="count"/> departments.</summary>
    public async Task<int> OpenPeriodAsync(int year, string name, int count)
    {
        var codes = Enumerable.Range(0, count).Select(Code).ToArray();
        var period = Check(await InScopeAsync(s => s.GetRequiredService<PeriodService>().CreateAsync(
            Seeder, Framework, year, name, new DateOnly(year, 1, 1), new DateOnly(2099, 12, 31), codes)));
        Check(await InScopeAsync(s => s.GetRequiredService<PeriodService>().SetStatusAsync(Seeder, period.Id, PeriodStatus.Open)));
        return period.Id;
    }

    /// <summary>
    /// Saves the generated values of the first <paramref name="count"/> departments through <see cref="ValueService"/>, audited,
    /// as a reporter would (department i's values drawn for <see cref="Profile"/>(i + <paramref name="offset"/>)).
    /// </summary>
    public async Task SaveValuesAsync(int periodId, int count, DemoRandom random, int offset = 0)
    {
        var framework = await FrameworkAsync();
        for (var i = 0; i < count; i++)
        {
            var changes = new DemoValueGenerator(random).Generate(framework.Leaves, ((i + offset) % 100) / 100m, Profile(i + offset));
            Check(await InScopeAsync(s => s.GetRequiredService<ValueService>().SaveAsync(Seeder, periodId, Code(i), changes, AuditChannel.Seed)));
        }
    }

    /// <summary>
    /// Writes the same generated values as rows, without the audited save: for a benchmark that only reads them, where a
    /// thousand audited saves would make the setup outlast the in-process toolchain's limit.
    /// </summary>
    public async Task WriteValueRowsAsync(int periodId, int count, DemoRandom random)
    {
        var framework = await FrameworkAsync();
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var ids = await db.PeriodUnits.Where(u => u.PeriodId == periodId).ToDictionaryAsync(u => u.UnitCode, u => u.UnitId);
        for (var i = 0; i < count; i++)
        {
            foreach (var change in new DemoValueGenerator(random).Generate(framework.Leaves, (i % 100) / 100m, Profile(i)))
            {
                var input = framework.FindInput(change.Indicator, change.Input)!;
                if (Core.Inputs.InputValueParser.Parse(input, change.Value).Value is { } value)
                {
                    db.ReportedValues.Add(new Data.Values.ReportedValueRecord
                    {
                        PeriodId = periodId, UnitId = ids[Code(i)], Indicator = change.Indicator, Input = change.Input,
                        Value = Core.Inputs.ReportedValueText.Format(input, value), Version = 1, UpdatedAt = DateTime.UtcNow, UpdatedBy = "bench",
                    });
                }
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Runs <paramref name="action"/> in a scope of its own, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="action"/> as the system (seeding: periods published, rules set).</summary>
    public Task<T> AsSystemAsync<T>(Func<IServiceProvider, Actor, Task<T>> action) => InScopeAsync(s => action(s, Seeder));

    /// <summary>Disposes the services and deletes the database's folder.</summary>
    public void Dispose()
    {
        Services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<Framework> FrameworkAsync() =>
        Check(await InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync(Framework)));
}
