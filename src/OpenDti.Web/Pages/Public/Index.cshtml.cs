using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Integration;
using OpenDti.Web.Pages.Periods;

namespace OpenDti.Web.Pages.Public;

/// <summary>
/// The public results (<c>/cong-khai</c>), for anyone without signing in: the periods made public and, for
/// one of them, its published ranking, main indices and charts, read from the latest publication only.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Startup.PublicAccessSetup.Policy)]
public sealed class IndexModel(PublicResultService results) : ResultsPage
{
    /// <summary>The public periods.</summary>
    public IReadOnlyList<PublicPeriod> Periods { get; private set; } = [];

    /// <summary>The period shown, when one is chosen and public.</summary>
    public PublicResults? Results { get; private set; }

    /// <summary>Lists the public periods and shows period <paramref name="id"/> when given.</summary>
    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Periods = await results.ListAsync(cancellationToken);
        if (id is not { } periodId)
        {
            return Page();
        }

        var outcome = await results.ResultsAsync(periodId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Results = outcome.Value;
        return Page();
    }

    /// <summary>The charts' data, in the shape of the period page's (<c>wwwroot/js/charts.js</c>).</summary>
    public object ChartData(Func<string, string> text)
    {
        var r = Results!;
        return new
        {
            kind = "period",
            locale = Language == Core.Text.Language.English ? "en-US" : "vi-VN",
            labels = new
            {
                units = text("ResultsChartUnits"),
                total = text("ResultsTotal"),
                fraction = text("ResultsFraction"),
                points = text("ResultsPoints"),
                maxPoints = text("ResultsMaxPoints"),
            },
            histogram = r.Distribution.Select(b => new { from = b.From, to = b.To, units = b.Units }).ToArray(),
            heatmap = new
            {
                indices = r.Indicators.Select(i => new { code = i.Code, name = i.Name, maxPoints = i.MaxPoints }).ToArray(),
                units = r.Units.Select(u => new { code = u.UnitCode, name = u.UnitName }).ToArray(),
                cells = r.Units.SelectMany((u, y) => r.IndicatorFractions[u.UnitCode].Select((f, x) => new object[] { x, y, f, Math.Round(f * r.Indicators[x].MaxPoints, 2) })).ToArray(),
            },
        };
    }
}
