using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Benchmarks;

/// <summary>
/// The gap analysis at provincial scale (docs/improvement.md): the period's view over a 1.000-unit cohort
/// (every leaf's points lost summed over the units), one unit's gaps, and the drafted plan as .docx, with the
/// scored cohort kept (<see cref="ScoreCache"/>), as the pages ask for them after the first request.
/// </summary>
[MemoryDiagnoser]
public class GapBenchmarks
{
    private static readonly Actor Evaluator = new("evaluator", "evaluator", new HashSet<string>([Data.Identity.Roles.Evaluator]), null);

    private string _directory = string.Empty;
    private ServiceProvider _services = null!;
    private int _periodId;

    /// <summary>Units in the period's cohort.</summary>
    [Params(1000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SetupAsync().GetAwaiter().GetResult();

        // The first request scores the cohort and keeps it; the benchmarks measure what follows.
        PeriodGaps().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The period's gaps: the indicators where the cohort loses most.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PeriodGaps()
    {
        using var scope = _services.CreateScope();
        var gaps = await scope.ServiceProvider.GetRequiredService<GapService>().PeriodAsync(Evaluator, _periodId);
        return gaps.Value!.Items.Count;
    }

    /// <summary>One unit's gaps, with its plan's owners and last year.</summary>
    [Benchmark]
    public async Task<int> UnitGaps()
    {
        using var scope = _services.CreateScope();
        var gaps = await scope.ServiceProvider.GetRequiredService<GapService>().UnitAsync(Evaluator, _periodId, Code(Units / 2));
        return gaps.Value!.Items.Count;
    }

    /// <summary>The period's gaps as an Excel workbook.</summary>
    [Benchmark]
    public async Task<int> PeriodGapsXlsx()
    {
        using var scope = _services.CreateScope();
        var table = await scope.ServiceProvider.GetRequiredService<ImprovementPlanService>().PeriodTableAsync(Evaluator, _periodId, Language.Vietnamese);
        return Exchange.Tables.TableXlsxWriter.ToBytes(table.Value!).Length;
    }

    /// <summary>One unit's drafted improvement plan as .docx.</summary>
    [Benchmark]
    public async Task<int> DraftedPlan()
    {
        using var scope = _services.CreateScope();
        var file = await scope.ServiceProvider.GetRequiredService<ImprovementPlanService>().DocumentAsync(Evaluator, _periodId, Code(Units / 2), Language.Vietnamese);
        return file.Value!.Content.Length;
    }

    private async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("opendti-results-bench").FullName;
        _services = new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(_directory))
            .AddOpenDtiApplication()
            .BuildServiceProvider();
        var system = Actor.System("bench", AuditChannel.Seed);
        using (var scope = _services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>().Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync();
            var units = scope.ServiceProvider.GetRequiredService<UnitDirectory>();
            Check(await units.CreateAsync(system, "TINH", "Tỉnh", UnitLevel.Province, null));
            for (var i = 0; i < Units; i++)
            {
                var code = Code(i);
                Check(await units.CreateAsync(system, code, "Đơn vị " + i, UnitLevel.Department, "TINH"));
                Check(await units.SetProfileAsync(system, code, 2024, Profile(i)));
            }
        }

        using (var scope = _services.CreateScope())
        {
            var periods = scope.ServiceProvider.GetRequiredService<PeriodService>();
            var codes = Enumerable.Range(0, Units).Select(Code).ToArray();
            var period = Check(await periods.CreateAsync(system, "dti-department-2022", 2024, "Bench", new DateOnly(2024, 1, 1), new DateOnly(2099, 12, 31), codes));
            _periodId = period.Id;
            Check(await periods.SetStatusAsync(system, _periodId, PeriodStatus.Open));
        }

        // The values are written as rows, not through ValueService: what is measured reads them, and a
        // thousand audited saves would make the setup outlast the in-process toolchain's limit.
        var framework = Check(await InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022")));
        var random = new DemoRandom(7);
        using (var scope = _services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            var ids = await db.PeriodUnits.Where(u => u.PeriodId == _periodId).ToDictionaryAsync(u => u.UnitCode, u => u.UnitId);
            for (var i = 0; i < Units; i++)
            {
                foreach (var change in new DemoValueGenerator(random).Generate(framework.Leaves, (i % 100) / 100m, Profile(i)))
                {
                    var input = framework.FindInput(change.Indicator, change.Input)!;
                    var parsed = Core.Inputs.InputValueParser.Parse(input, change.Value);
                    if (parsed.Value is { } value)
                    {
                        db.ReportedValues.Add(new Data.Values.ReportedValueRecord
                        {
                            PeriodId = _periodId, UnitId = ids[Code(i)], Indicator = change.Indicator, Input = change.Input,
                            Value = Core.Inputs.ReportedValueText.Format(input, value), Version = 1, UpdatedAt = DateTime.UtcNow, UpdatedBy = "bench",
                        });
                    }
                }
            }

            await db.SaveChangesAsync();
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = _services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    private static string Code(int i) => "SO-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, decimal> Profile(int i) => new(StringComparer.Ordinal)
    {
        ["civil_servants"] = 40 + (i % 50),
        ["public_employees"] = 60 + (i % 70),
        ["subordinate_units"] = 4 + (i % 9),
    };

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(outcome.Message?.ToString());
}
