using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Improvement;
using OpenDti.Core.Text;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A unit's what-if (giả định, không lưu) and its cheapest points first, grouped by the lead unit of the plan. The
/// page's script sends the values changed to <see cref="OnPostRunAsync"/> and shows the points, main indices, total and
/// rank that come back; nothing is saved. Who may read it is who may read the unit's scorecard, from the account.
/// </summary>
public sealed class WhatIfModel(CurrentActor current, WhatIfService whatIf) : ResultsPage
{
    /// <summary>The page's data, once loaded and allowed.</summary>
    public WhatIfPage? Data { get; private set; }

    /// <summary>Loads the unit's figures, inputs and gains.</summary>
    public async Task<IActionResult> OnGetAsync(int id, string unitCode, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await whatIf.PageAsync(actor, id, unitCode, Language, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Data = outcome.Value;
        return Page();
    }

    /// <summary>Scores the unit with the values sent (the page's script calls it as values change); nothing is saved.</summary>
    public async Task<IActionResult> OnPostRunAsync(int id, string unitCode, [FromBody] WhatIfRunRequest? request, CancellationToken cancellationToken)
    {
        if (request is null || !ModelState.IsValid)
        {
            var path = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).FirstOrDefault();
            var detail = Api.BadRequests.Text(Language, "RequestJsonInvalidField", Excerpt.Of(string.IsNullOrEmpty(path) ? "$" : path));
            return new JsonResult(new { message = Api.BadRequests.Text(Language, "RequestUnreadable") + ": " + detail }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        if (await current.GetAsync() is not { } actor)
        {
            return Unauthorized();
        }

        var values = (request.Values ?? []).Select(v => v is null ? null : new WhatIfValue(v.Indicator, v.Input, v.Value)).ToArray();
        var cohort = (request.Cohort ?? []).Select(c => c is null ? null : new WhatIfCohort(c.Indicator, c.Min, c.Max)).ToArray();
        var outcome = await whatIf.RunAsync(actor, id, unitCode, values, cohort, cancellationToken);
        if (!outcome.Succeeded)
        {
            return new JsonResult(new
            {
                message = outcome.Message?.ToString(Language),
                problems = outcome.Problems.Select(p => new { indicator = p.Indicator, input = p.Input, message = p.Message.ToString(Language) }),
            })
            { StatusCode = Api.ApiResults.StatusOf(outcome.Status) };
        }

        var result = outcome.Value!;
        return new JsonResult(new
        {
            total = PageText.Points(HttpContext, result.Total),
            totalBefore = PageText.Points(HttpContext, result.TotalBefore),
            difference = Signed(result.Total - result.TotalBefore),
            rank = result.Rank,
            rankBefore = result.RankBefore,
            mainIndices = result.MainIndices.Select(m => new { code = m.Code, after = PageText.Points(HttpContext, m.After), difference = Signed(m.After - m.Before), rank = m.RankAfter }),
            nodes = result.Indicators.Select(n => new { code = n.Code, after = PageText.Points(HttpContext, n.After), difference = Signed(n.After - n.Before), changed = n.After != n.Before }),
            cohortMoved = result.CohortMoved,
        });
    }

    /// <summary>A difference of points with its sign ("+5,00", "−1,25", "0,00").</summary>
    public string Signed(decimal difference) =>
        difference > 0 ? "+" + PageText.Points(HttpContext, difference)
        : difference < 0 ? "−" + PageText.Points(HttpContext, -difference)
        : PageText.Points(HttpContext, 0m);
}

/// <summary>What the page's script sends: the values assumed and the cohort figures assumed.</summary>
public sealed record WhatIfRunRequest(List<WhatIfRunValue?>? Values, List<WhatIfRunCohort?>? Cohort);

/// <summary>A value assumed (text as a field holds it; empty: "chưa kê khai").</summary>
public sealed record WhatIfRunValue(string? Indicator, string? Input, string? Value);

/// <summary>A cohort figure assumed.</summary>
public sealed record WhatIfRunCohort(string? Indicator, string? Min, string? Max);
