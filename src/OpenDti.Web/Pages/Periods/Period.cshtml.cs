using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Tables;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>A period's results: the ranking with last year's change, completeness, overdue units and charts.</summary>
public sealed class PeriodModel(
    CurrentActor current, Application.Lists.RankingFilterService ranking, PublicationService publications, SubmissionService submissions, TableService tables, Application.Improvement.Trends.TrendService trends) : ResultsPage
{
    /// <summary>For province staff and viewers, each unit's submission by unit code; <see langword="null"/> for unit users.</summary>
    public IReadOnlyDictionary<string, SubmissionView>? Submissions { get; private set; }

    /// <summary>The period's latest publication, when its results are published.</summary>
    public PublicationSummary? Latest { get; private set; }

    /// <summary>Whether the reader may publish the results (evaluators and administrators).</summary>
    public bool CanPublish { get; private set; }

    /// <summary>What the page shows, once loaded and allowed.</summary>
    public PeriodOverview? Overview { get; private set; }

    /// <summary>The cohort over the years (<c>_PeriodTrends.cshtml</c>), with the unit chosen by <c>?trend=</c>; null when it cannot be read.</summary>
    public PeriodTrendsView? Trends { get; private set; }

    /// <summary>The ranking lists only the units of this level (a <see cref="Data.Units.UnitLevel"/> name).</summary>
    [BindProperty(SupportsGet = true, Name = "cap")]
    public string? LevelFilter { get; set; }

    /// <summary>The ranking lists only the units directly under the unit of this code.</summary>
    [BindProperty(SupportsGet = true, Name = "truc-thuoc")]
    public string? ParentFilter { get; set; }

    /// <summary>The units a page of the ranking lists.</summary>
    public const int PageSize = 50;

    /// <summary>The page of the ranking shown, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    /// <summary>How many units the ranking lists on all its pages (after the filter).</summary>
    public int Listed { get; private set; }

    /// <summary>How many pages the ranking has.</summary>
    public int PageCount => Math.Max(1, (Listed + PageSize - 1) / PageSize);

    /// <summary>The ranking's address for page <paramref name="page"/> with the same filter.</summary>
    public string PageLink(int id, int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(LevelFilter))
        {
            query.Add("cap=" + Uri.EscapeDataString(LevelFilter.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(ParentFilter))
        {
            query.Add("truc-thuoc=" + Uri.EscapeDataString(ParentFilter.Trim()));
        }

        query.Add("trang=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return $"/ky-danh-gia/{id}?" + string.Join("&", query) + "#ranking";
    }

    /// <summary>How many units the cohort has: what a rank is out of, whatever the filter lists.</summary>
    public int CohortCount { get; private set; }

    /// <summary>The levels and parents the ranking can be filtered by (those of the cohort's units).</summary>
    public Application.Lists.FilteredOverview? Choices { get; private set; }

    /// <summary>The filter applied (none when it could not be read).</summary>
    public Application.Lists.RankingFilter Filter { get; private set; } = Application.Lists.RankingFilter.None;

    /// <summary>Why the filter asked for could not be applied, in the reader's language.</summary>
    public string? FilterProblem { get; private set; }

    /// <summary>Loads the period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var read = await ranking.ReadAsync(LevelFilter, ParentFilter, cancellationToken);
        Filter = read.Value ?? Application.Lists.RankingFilter.None;
        FilterProblem = read.Succeeded ? null : string.Join(" ", read.Problems.Select(p => p.Message.ToString(Language)));
        var outcome = await ranking.OverviewAsync(actor, id, Filter, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Choices = outcome.Value;
        CohortCount = outcome.Value!.CohortCount;

        // 50 units a page: the ranking, the heat map and its table show the same units.
        var listed = outcome.Value.Overview.Rows;
        Listed = listed.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Overview = outcome.Value.Overview with { Rows = listed.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToArray() };
        Latest = await publications.LatestSummaryAsync(id, cancellationToken);
        Trends = (await trends.PeriodAsync(actor, id, cancellationToken)).Value is { } cohort ? new PeriodTrendsView(cohort, Request.Query["trend"].FirstOrDefault()) : null;
        CanPublish = actor.IsProvinceStaff;
        if (actor.IsProvinceStaff || actor.IsIn(Data.Identity.Roles.Viewer))
        {
            Submissions = (await submissions.ListAsync(actor, id, cancellationToken)).Value?.ToDictionary(s => s.UnitCode, StringComparer.Ordinal);
        }

        return Page();
    }

    /// <summary>The ranking as a file (<c>?handler=Table&amp;format=xlsx|csv</c>): the same as <c>GET /api/periods/{id}/results?format=</c>.</summary>
    public async Task<IActionResult> OnGetTableAsync(int id, string? format, CancellationToken cancellationToken)
    {
        if (PageTables.Format(format) is not { } file)
        {
            return PageTables.UnknownFormat(HttpContext);
        }

        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var table = await tables.RankingAsync(actor, id, Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, file) : Failure(table);
    }

    /// <summary>
    /// The charts' data: units per band of 100 points, and each unit's fraction of every indicator
    /// (units in rank order, indicators in framework order).
    /// </summary>
    public object ChartData(Func<string, string> text)
    {
        var overview = Overview!;
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
                notReported = text("ResultsHeatNotReported"),
            },
            histogram = overview.Distribution.Select(b => new { from = b.From, to = b.To, units = b.Units }).ToArray(),
            heatmap = new
            {
                indices = overview.Indicators.Select(i => new { code = i.Code, name = i.Name, maxPoints = i.MaxPoints }).ToArray(),
                units = overview.Rows.Select(r => new { code = r.Result.UnitCode, name = r.Result.UnitName, reported = r.Result.Submitted }).ToArray(),
                cells = overview.Rows.SelectMany((r, y) => overview.IndicatorFractions[r.Result.UnitCode].Select((f, x) => new object[] { x, y, f, Math.Round(f * overview.Indicators[x].MaxPoints, 2) })).ToArray(),
            },
        };
    }

    /// <summary>The share of a main index's max points a unit achieved (0 to 1).</summary>
    public static decimal Fraction(MainIndexResult result) => result.MaxPoints == 0 ? 0m : Math.Round(result.Points / result.MaxPoints, 4);
}
