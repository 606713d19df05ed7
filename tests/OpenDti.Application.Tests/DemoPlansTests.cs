using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Demo;
using OpenDti.Application.Plans;
using OpenDti.Core.Frameworks;
using OpenDti.Data.Identity;
using OpenDti.Data.Plans;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The demo province's plans (issue 14 point 8): the province's self-assessment assigned to its departments,
/// the first district's form to two offices that contribute without being scored, with accounts of their own,
/// some progress reported and some assignments overdue, and a contributors' deadline before the close.
/// </summary>
public class DemoPlansTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheProvincesPlan_IsLedByItsDepartments_WithProgressReported_AndSomeOverdue()
    {
        var period = await PeriodAsync(FrameworkLevel.Province);
        var plan = await demo.InScopeAsync(s => s.GetRequiredService<PlanService>().GetAsync(Actors.Evaluator, period, null, Ct));
        var progress = await demo.InScopeAsync(s => s.GetRequiredService<ProgressService>().GetAsync(Actors.Evaluator, period, Ct));

        Assert.True(plan.Succeeded, plan.Message?.ToString());
        var assigned = plan.Value!.Items.Where(i => i.LeadUnit is not null).ToArray();
        Assert.Equal(DemoPlans.Province.Count, assigned.Length);
        Assert.Contains(assigned, i => i.Indicator == "1.2" && i.LeadUnit!.Code == "VP-UBND" && i.CoordinatingUnits.Single().Code == "SO-TTTT");
        Assert.Contains(assigned, i => i.Indicator == "4.11" && i.CoordinatingUnits.Any(u => u is { Code: "CUC-THONGKE", NotScored: true }));
        Assert.Contains(assigned, i => i.DueText == "Hàng năm");
        Assert.Contains(assigned, i => i.DueOn is not null);
        Assert.True(progress.Succeeded, progress.Message?.ToString());
        Assert.Contains(progress.Value!.Rows, r => r.Reports.Any(p => p.Status == ProgressStatus.Done));
        Assert.Contains(progress.Value.Rows, r => r.Reports.Any(p => p.Status == ProgressStatus.InProgress));
        Assert.NotEmpty(progress.Value.Overdue);
    }

    [Fact]
    public async Task TheFirstDistrictsPlan_IsLedByContributors_WhoAreNeverScored_AndHaveAccounts()
    {
        var period = await PeriodAsync(FrameworkLevel.District);
        var district = DemoData.Districts[0].Code;
        var plan = await demo.InScopeAsync(s => s.GetRequiredService<PlanService>().GetAsync(Actors.Evaluator, period, district, Ct));
        var contributors = await demo.InDbAsync(db => db.Units.AsNoTracking().Where(u => u.NotScored).ToListAsync(Ct));
        var cohort = await demo.InDbAsync(db => db.PeriodUnits.AsNoTracking().Select(u => u.UnitId).ToListAsync(Ct));
        var summary = await demo.InDbAsync(db => db.Periods.AsNoTracking().SingleAsync(p => p.Id == period, Ct));
        var accounts = await demo.InDbAsync(db => db.Users.AsNoTracking().Where(u => u.UnitId != null).Select(u => new { u.UserName, u.UnitId }).ToListAsync(Ct));

        Assert.True(plan.Succeeded, plan.Message?.ToString());
        Assert.Equal(4, contributors.Count);
        Assert.Contains(plan.Value!.Items, i => i.LeadUnit is { NotScored: true } lead && lead.Code == "CCTK-" + district);
        Assert.Contains(plan.Value.Items, i => i.LeadUnit is { NotScored: true } lead && lead.Code == "BUUDIEN-" + district);
        Assert.DoesNotContain(cohort, id => contributors.Any(c => c.Id == id));
        Assert.Equal(summary.ClosesOn.AddDays(-10), summary.ContributorsCloseOn);
        Assert.All(contributors, c =>
        {
            Assert.Contains(accounts, a => a.UnitId == c.Id && a.UserName == "reporter." + c.Code.ToLowerInvariant());
            Assert.Contains(accounts, a => a.UnitId == c.Id && a.UserName == "leader." + c.Code.ToLowerInvariant());
        });
    }

    private Task<int> PeriodAsync(FrameworkLevel level) =>
        demo.InDbAsync(async db => (await db.Periods.AsNoTracking().Select(p => new { p.Id, p.Framework!.Level }).ToListAsync(Ct)).First(p => p.Level == level).Id);
}
