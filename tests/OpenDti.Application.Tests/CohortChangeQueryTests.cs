using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Periods;
using OpenDti.Data;
using OpenDti.Data.Periods;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// What a change of a period's cohort reads: the framework's file once, not once per member. Read in one query with
/// the members, the file (~60 KB) came back on each member's row: 60 MB for a cohort of 1.000, ~1 s of a cohort PUT
/// changing one unit (docs/performance.md, "The routes of the two-level reform and the framework editor, at scale and
/// in parallel").
/// </summary>
public sealed class CohortChangeQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACohortChange_ReadsTheFrameworkFile_InAQueryWithoutTheMembers()
    {
        await using var province = await SmallProvince.CreateAsync();
        var created = await province.PeriodsAsync(p => p.CreateAsync(
            Actors.Evaluator, "dti-department-2022", 2026, "Đánh giá 2026", new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 31), 15,
            UnfinishedRanking.AfterFinalised, UnfinishedPoints.Zero, ["SO-A", "SO-B"], Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());

        var commands = new List<string>();
        var changed = await province.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<OpenDtiDbContext>();
            using var subscription = Testing.DiagnosticEvents.Subscribe(DbLoggerCategory.Name, e =>
            {
                if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data && ReferenceEquals(data.Context, db))
                {
                    lock (commands)
                    {
                        commands.Add(data.Command.CommandText);
                    }
                }
            });
            return await s.GetRequiredService<CohortService>().SetAsync(Actors.Evaluator, created.Value!.Id, ["SO-A", "SO-B", "SO-C"], confirmed: false, Ct);
        });

        Assert.True(changed.Succeeded, changed.Message?.ToString());
        Assert.Equal(["SO-C"], changed.Value!.Added);
        var yaml = Assert.Single(commands, c => c.Contains("\"Yaml\"", StringComparison.Ordinal));
        Assert.DoesNotContain("period_units", yaml, StringComparison.Ordinal);
    }
}
