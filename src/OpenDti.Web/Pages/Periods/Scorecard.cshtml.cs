using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Tables;
using OpenDti.Application.Evidence;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Core.Text;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A unit's scorecard: total, rank, every node with its points and explanation, the inputs the unit
/// reported, and charts per main index. Who may read it is decided by the server from the account
/// (<see cref="ResultService.ScorecardAsync"/>), never from the unit code in the address.
/// </summary>
public sealed class ScorecardModel(
    CurrentActor current, ResultService results, EvidenceService evidence, SubmissionService submissions, TableService tables, Application.Improvement.Trends.TrendService trends) : ResultsPage
{
    /// <summary>The unit's review history, oldest first.</summary>
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];

    /// <summary>The scorecard, once loaded and allowed.</summary>
    public Scorecard? Card { get; private set; }

    /// <summary>The inputs of each indicator, by indicator code.</summary>
    public ILookup<string, ScorecardInput> InputsByIndicator { get; private set; } = Array.Empty<ScorecardInput>().ToLookup(i => i.Indicator);

    /// <summary>The evidence attached, by indicator code.</summary>
    public ILookup<string, EvidenceItem> Evidence { get; private set; } = Array.Empty<EvidenceItem>().ToLookup(e => e.Indicator);

    /// <summary>The unit's trend over the years and its sensitivity to the cohort (<c>_Trends.cshtml</c>); null when they cannot be read.</summary>
    public Application.Improvement.Trends.ScorecardTrends? Trends { get; private set; }

    /// <summary>Loads the scorecard of <paramref name="unitCode"/> in period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, string unitCode, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await results.ScorecardAsync(actor, id, unitCode, Language, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Card = outcome.Value;
        InputsByIndicator = Card!.Inputs.ToLookup(i => i.Indicator, StringComparer.Ordinal);
        var files = await evidence.ListAsync(actor, id, unitCode, cancellationToken: cancellationToken);
        Evidence = (files.Value ?? []).ToLookup(e => e.Indicator, StringComparer.Ordinal);
        History = (await submissions.HistoryAsync(actor, id, unitCode, cancellationToken)).Value ?? [];
        Trends = (await trends.ScorecardAsync(actor, id, unitCode, cancellationToken)).Value;
        return Page();
    }

    /// <summary>The scorecard as a file (<c>?handler=Table&amp;format=xlsx|csv</c>): the same as <c>GET /api/periods/{id}/units/{code}/scorecard?format=</c>.</summary>
    public async Task<IActionResult> OnGetTableAsync(int id, string unitCode, string? format, CancellationToken cancellationToken)
    {
        if (PageTables.Format(format) is not { } file)
        {
            return PageTables.UnknownFormat(HttpContext);
        }

        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var table = await tables.ScorecardAsync(actor, id, unitCode, Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, file) : Failure(table);
    }

    /// <summary>The readable labels of a node's flags ("chưa kê khai", "điểm tạm tính").</summary>
    public IReadOnlyList<string> FlagLabels(ScorecardNode node) =>
        node.Flags.Select(name => Localizer.Format(Language, "Flag" + string.Concat(name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])))).ToArray();

    /// <summary>The charts' data: points against max points and the fraction achieved, per main index.</summary>
    public object ChartData(Func<string, string> text)
    {
        var card = Card!;
        return new
        {
            kind = "scorecard",
            locale = Language == Core.Text.Language.English ? "en-US" : "vi-VN",
            labels = new
            {
                points = text("ResultsPoints"),
                maxPoints = text("ResultsMaxPoints"),
                fraction = text("ResultsFraction"),
            },
            indices = card.MainIndices.Select(m => new
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
}
