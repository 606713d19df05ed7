using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Integration;
using OpenDti.Application.Results;
using OpenDti.Web.Pages.Periods;

namespace OpenDti.Web.Pages.Public;

/// <summary>
/// A unit's published scorecard on the public page, for anyone: points, explanations and the figures
/// reported, as published. No evidence file and nothing of the review: the publication holds none.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Startup.PublicAccessSetup.Policy)]
public sealed class ScorecardModel(PublicResultService results) : ResultsPage
{
    /// <summary>The scorecard, once found.</summary>
    public PublicScorecard? Card { get; private set; }

    /// <summary>The reported figures by indicator.</summary>
    public ILookup<string, ScorecardInput> InputsByIndicator { get; private set; } = Array.Empty<ScorecardInput>().ToLookup(i => i.Indicator);

    /// <summary>Loads unit <paramref name="unitCode"/>'s published scorecard in period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, string unitCode, CancellationToken cancellationToken)
    {
        var outcome = await results.ScorecardAsync(id, unitCode, Language, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Card = outcome.Value;
        InputsByIndicator = Card!.Scorecard.Inputs.ToLookup(i => i.Indicator, StringComparer.Ordinal);
        return Page();
    }

    /// <summary>The charts' data, in the shape of the scorecard page's.</summary>
    public object ChartData(Func<string, string> text) => new
    {
        kind = "scorecard",
        locale = Language == Core.Text.Language.English ? "en-US" : "vi-VN",
        labels = new { points = text("ResultsPoints"), maxPoints = text("ResultsMaxPoints"), fraction = text("ResultsFraction") },
        indices = Card!.Scorecard.MainIndices.Select(m => new
        {
            code = m.Code,
            name = m.Name,
            points = m.Points,
            maxPoints = m.MaxPoints,
            fraction = PeriodModel.Fraction(m),
            rank = m.Rank,
        }).ToArray(),
    };
}
