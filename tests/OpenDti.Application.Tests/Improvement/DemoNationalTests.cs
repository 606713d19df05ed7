using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Demo;
using OpenDti.Application.Improvement.National;
using Xunit;

namespace OpenDti.Application.Tests.Improvement;

/// <summary>The demo province's self-assessment shows a national estimate: reference values, and the national table of the year before.</summary>
public sealed class DemoNationalTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheProvinceSelfAssessment_HasTheSampleReferences_AndLastYearsTable_WithTheDemoProvinceAsItsOwn()
    {
        var period = await demo.InDbAsync(db => db.Periods.AsNoTracking().SingleAsync(p => p.Framework!.Level == Core.Frameworks.FrameworkLevel.Province, Ct));
        var estimate = await demo.InScopeAsync(s => s.GetRequiredService<NationalService>().EstimateAsync(Actors.Evaluator, period.Id, Ct));
        Assert.True(estimate.Succeeded, estimate.Message?.ToString());
        var e = estimate.Value!;
        Assert.Equal((DemoData.ProvinceCode, 16, 0), (e.UnitCode, e.References, e.Unreferenced.Count));
        Assert.Equal((period.Year - 1, 2), (e.TableYear, e.RankedAmong));
        Assert.Equal((DemoData.ProvinceName, 627.42m, (int?)20, 0.6274m), (e.LastYear!.Province, e.LastYear.Total, e.LastYear.Rank, e.LastYear.Dti));
        Assert.Equal(e.Total < 800.18m ? 2 : 1, e.Rank);

        var table = await demo.InScopeAsync(s => s.GetRequiredService<NationalService>().TableAsync(Actors.Viewer, period.Year - 1, Ct));
        Assert.Equal(0.8002m, table.Value!.Provinces.Single(p => p.Province == "Đà Nẵng").Dti);
    }
}
