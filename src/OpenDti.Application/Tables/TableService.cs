using OpenDti.Application.Access;
using OpenDti.Application.Accounts;
using OpenDti.Application.Audit;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Application.Units;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Exchange.Tables;

namespace OpenDti.Application.Tables;

/// <summary>
/// Every table a page shows, as a <see cref="Table"/> to hand out as .xlsx or CSV (docs/exchange.md): the
/// ranking, a scorecard, the comparison of self-assessed and reviewed points, the deadlines, the audit,
/// the units and the accounts. Each is built from the read model its page and API route already use,
/// through the same use case, so who may read it is decided there, and the page's button and the API's
/// <c>?format=</c> give the same file. Headers are in the reader's language; the title names the period
/// and the subtitle the day of export (Vietnam's day).
/// </summary>
public sealed class TableService(
    ResultService results,
    ReviewComparisonService comparisons,
    DeadlineService deadlines,
    AuditService audit,
    UnitDirectory units,
    AccountService accounts,
    TimeProvider time)
{
    private const int PointDecimals = 2;

    /// <summary>The ranking of period <paramref name="periodId"/>: overall and per main index, with the change against last year when there is a period to compare.</summary>
    public async Task<Outcome<Table>> RankingAsync(Actor actor, int periodId, Language language, CancellationToken cancellationToken = default)
    {
        var outcome = await results.OverviewAsync(actor, periodId, cancellationToken);
        return outcome.Succeeded ? Outcome<Table>.Ok(Ranking(outcome.Value!, language, Today)) : outcome.As<Table>();
    }

    /// <summary>The scorecard of <paramref name="unitCode"/> in period <paramref name="periodId"/>: every node with its points and explanation.</summary>
    public async Task<Outcome<Table>> ScorecardAsync(Actor actor, int periodId, string unitCode, Language language, CancellationToken cancellationToken = default)
    {
        var outcome = await results.ScorecardAsync(actor, periodId, unitCode, language, cancellationToken);
        return outcome.Succeeded ? Outcome<Table>.Ok(Scorecard(outcome.Value!, language, Today)) : outcome.As<Table>();
    }

    /// <summary>Self-assessed against reviewed points in period <paramref name="periodId"/>, per unit.</summary>
    public async Task<Outcome<Table>> ComparisonAsync(Actor actor, int periodId, Language language, CancellationToken cancellationToken = default)
    {
        var outcome = await comparisons.ComparisonAsync(actor, periodId, cancellationToken);
        return outcome.Succeeded ? Outcome<Table>.Ok(Comparison(outcome.Value!, language, Today)) : outcome.As<Table>();
    }

    /// <summary>The units of period <paramref name="periodId"/> that have not submitted, with their deadlines and what they lack.</summary>
    public async Task<Outcome<Table>> DeadlinesAsync(Actor actor, int periodId, Language language, CancellationToken cancellationToken = default)
    {
        var outcome = await deadlines.GetAsync(actor, periodId, cancellationToken);
        return outcome.Succeeded ? Outcome<Table>.Ok(Deadlines(outcome.Value!, language, Today)) : outcome.As<Table>();
    }

    /// <summary>
    /// The audit entries <paramref name="query"/> finds, newest first; without a limit, up to
    /// <see cref="AuditService.MaxLimit"/> entries (a page of the search, so <c>before</c> pages on).
    /// </summary>
    public async Task<Outcome<Table>> AuditAsync(Actor actor, AuditQuery query, Language language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limited = string.IsNullOrWhiteSpace(query.Limit) ? query with { Limit = AuditService.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) } : query;
        var outcome = await audit.SearchAsync(actor, limited, cancellationToken);
        return outcome.Succeeded ? Outcome<Table>.Ok(Audit(outcome.Value!, language, Today)) : outcome.As<Table>();
    }

    /// <summary>Every unit, as <c>GET /api/units</c> lists them (anyone signed in).</summary>
    public async Task<Outcome<Table>> UnitsAsync(Actor actor, Language language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Outcome<Table>.Ok(Units(await units.ListAsync(cancellationToken), language, Today));
    }

    /// <summary>Every account (administrators).</summary>
    public async Task<Outcome<Table>> AccountsAsync(Actor actor, Language language, CancellationToken cancellationToken = default)
    {
        var outcome = await accounts.ListAsync(actor, cancellationToken);
        return outcome.Succeeded ? Outcome<Table>.Ok(Accounts(outcome.Value!, language, Today)) : outcome.As<Table>();
    }

    private DateOnly Today => VietnamTime.Today(time);

    /// <summary>The ranking table of <paramref name="overview"/>.</summary>
    public static Table Ranking(PeriodOverview overview, Language language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(overview);
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(language);
        var compared = overview.Previous is not null;
        var columns = new List<TableColumn>
        {
            TableColumn.Integer(T("TableRank"), 7),
            TableColumn.Text(T("TableUnitCode"), 14),
            TableColumn.Text(T("TableUnitName"), 40),
            TableColumn.Decimal(T("TableTotal"), PointDecimals),
            TableColumn.Percent(T("TableCompleteness"), 0, 13),
        };
        if (compared)
        {
            columns.Add(TableColumn.Decimal(T("TablePreviousTotal"), PointDecimals));
            columns.Add(TableColumn.Decimal(T("TablePointsChange"), PointDecimals));
            columns.Add(TableColumn.Integer(T("TablePreviousRank")));
            columns.Add(TableColumn.Integer(T("TableRankChange"), 12));
            columns.Add(TableColumn.Text(T("TablePreviousFrom"), 30));
        }

        foreach (var index in overview.MainIndices)
        {
            columns.Add(TableColumn.Decimal(T("TableIndexPoints", index.Code, index.Name, index.MaxPoints), PointDecimals, 18));
            columns.Add(TableColumn.Integer(T("TableIndexRank", index.Code)));
            if (compared)
            {
                columns.Add(TableColumn.Decimal(T("TableIndexPointsChange", index.Code), PointDecimals));
                columns.Add(TableColumn.Integer(T("TableIndexRankChange", index.Code)));
            }
        }

        columns.Add(TableColumn.Text(T("TableNote"), 18));
        var rows = overview.Rows.Select(row =>
        {
            var u = row.Result;
            var cells = new List<object?> { u.Rank, u.UnitCode, u.UnitName, u.Total, row.Completeness };
            if (compared)
            {
                cells.AddRange([row.Change?.PreviousTotal, row.Change?.PointsDifference, row.Change?.PreviousRank, row.Change?.RankChange, MergedFrom(row.Change?.Merged)]);
            }

            var byCode = u.MainIndices.ToDictionary(m => m.Code, StringComparer.Ordinal);
            var changes = (row.Change?.MainIndices ?? []).ToDictionary(m => m.Code, StringComparer.Ordinal);
            foreach (var index in overview.MainIndices)
            {
                var result = byCode.GetValueOrDefault(index.Code);
                cells.Add(result?.Points);
                cells.Add(result?.Rank);
                if (compared)
                {
                    var change = changes.GetValueOrDefault(index.Code);
                    cells.Add(change?.PointsDifference);
                    cells.Add(change?.RankChange);
                }
            }

            cells.Add(u.NotSubmitted ? T("TableNotSubmitted") : null);
            return (IReadOnlyList<object?>)cells;
        }).ToArray();
        string? MergedFrom(Improvement.Trends.MergedFrom? merged) => merged is null
            ? null
            : T(merged.Rule == Data.Periods.MergerRule.Population ? "TableMergedFromPopulation" : "TableMergedFromMean", string.Join(", ", merged.Units.Select(m => $"{m.Name} ({m.Code})")));

        var subtitle = compared ? T("TableComparedWith", new DayText(today), overview.Previous!.Name) : T("TableExportedOn", new DayText(today));
        return new Table(
            T("TableRankingTitle", overview.Period.Name), subtitle, T("TableRankingSheet"), T("TableRankingFile", overview.Period.Name), columns, rows);
    }

    /// <summary>The table of <paramref name="card"/>: every node, depth first.</summary>
    public static Table Scorecard(Scorecard card, Language language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(card);
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(language);
        TableColumn[] columns =
        [
            TableColumn.Text(T("TableCode"), 10),
            TableColumn.Text(T("TableName"), 50),
            TableColumn.Integer(T("TableDepth")),
            TableColumn.Decimal(T("TablePoints"), PointDecimals),
            TableColumn.Decimal(T("TableMaxPoints"), PointDecimals),
            TableColumn.Percent(T("TableFraction"), 0),
            TableColumn.Decimal(T("TableMeasure"), 4),
            TableColumn.Text(T("TableNote"), 24),
            TableColumn.Text(T("TableExplanation"), 80),
        ];
        var rows = card.Nodes.Select(n => (IReadOnlyList<object?>)
        [
            n.Code,
            new string(' ', 2 * n.Depth) + n.Name,
            n.Depth + 1,
            n.Points,
            n.MaxPoints,
            n.Fraction,
            n.Measure,
            n.Flags.Count == 0 ? null : string.Join("; ", n.Flags.Select(f => FlagText(f, language))),
            n.Explanation,
        ]).ToArray();
        return new Table(
            T("TableScorecardTitle", card.UnitName, card.UnitCode, card.Period.Name),
            T("TableScorecardSubtitle", card.Total, card.Rank, new DayText(today)),
            T("TableScorecardSheet"),
            T("TableScorecardFile", card.UnitCode, card.Period.Name),
            columns,
            rows);
    }

    /// <summary>The table of <paramref name="comparison"/>: one row per unit, largest over-claim first.</summary>
    public static Table Comparison(PeriodComparison comparison, Language language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(language);
        TableColumn[] columns =
        [
            TableColumn.Text(T("TableUnitCode"), 14),
            TableColumn.Text(T("TableUnitName"), 40),
            TableColumn.Decimal(T("TableSelfAssessed"), PointDecimals, 14),
            TableColumn.Decimal(T("TableReviewed"), PointDecimals, 14),
            TableColumn.Decimal(T("TableDifference"), PointDecimals, 18),
            TableColumn.Integer(T("TableSelfAssessedRank"), 12),
            TableColumn.Integer(T("TableReviewedRank"), 12),
        ];
        var rows = comparison.Units.Select(u => (IReadOnlyList<object?>)
            [u.UnitCode, u.UnitName, u.SelfAssessed, u.Reviewed, u.Difference, u.SelfAssessedRank, u.ReviewedRank]).ToArray();
        return new Table(
            T("TableComparisonTitle", comparison.Period.Name), T("TableExportedOn", new DayText(today)), T("TableComparisonSheet"),
            T("TableComparisonFile", comparison.Period.Name), columns, rows);
    }

    /// <summary>The table of <paramref name="deadlines"/>: the units that have not submitted, most urgent first.</summary>
    public static Table Deadlines(PeriodDeadlines deadlines, Language language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(language);
        TableColumn[] columns =
        [
            TableColumn.Text(T("TableUnitCode"), 14),
            TableColumn.Text(T("TableUnitName"), 40),
            TableColumn.Text(T("TableState"), 14),
            TableColumn.Date(T("TableDeadline")),
            TableColumn.Integer(T("TableDaysLeft")),
            TableColumn.Integer(T("TableMissingValuesCount"), 13),
            TableColumn.Text(T("TableMissingValues"), 30),
            TableColumn.Integer(T("TableMissingEvidenceCount"), 13),
            TableColumn.Text(T("TableMissingEvidence"), 30),
        ];
        var rows = deadlines.Units.Select(u => (IReadOnlyList<object?>)
        [
            u.UnitCode,
            u.UnitName,
            ReviewText.Name(u.State).ToString(language),
            u.Deadline,
            u.DaysLeft,
            u.MissingValues.Count,
            string.Join(", ", u.MissingValues.Select(m => m.Code)),
            u.MissingEvidence.Count,
            string.Join(", ", u.MissingEvidence.Select(m => m.Code)),
        ]).ToArray();
        return new Table(
            T("TableDeadlinesTitle", deadlines.Period.Name),
            T("TableDeadlinesSubtitle", new DayText(deadlines.Period.ClosesOn), deadlines.Submitted, new DayText(today)),
            T("TableDeadlinesSheet"),
            T("TableDeadlinesFile", deadlines.Period.Name),
            columns,
            rows);
    }

    /// <summary>The table of <paramref name="page"/>: the audit's entries, newest first, times in Vietnam's time.</summary>
    public static Table Audit(AuditPage page, Language language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(page);
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(language);
        TableColumn[] columns =
        [
            TableColumn.Integer(T("TableSequence")),
            TableColumn.Moment(T("TableAt")),
            TableColumn.Text(T("TableUser"), 16),
            TableColumn.Text(T("TableKind"), 14),
            TableColumn.Text(T("TableChannel"), 12),
            TableColumn.Text(T("TablePeriod"), 20),
            TableColumn.Text(T("TableUnit"), 12),
            TableColumn.Text(T("TableSubject"), 16),
            TableColumn.Text(T("TableIndicator"), 10),
            TableColumn.Text(T("TableInput"), 16),
            TableColumn.Text(T("TableOldValue"), 20),
            TableColumn.Text(T("TableNewValue"), 20),
            TableColumn.Text(T("TableReason"), 30),
        ];
        var rows = page.Items.Select(a => (IReadOnlyList<object?>)
        [
            a.Sequence,
            VietnamTime.ToLocal(a.At),
            a.UserName,
            T("TableKind" + a.Kind),
            T("TableChannel" + a.Channel),
            a.PeriodName,
            a.UnitCode,
            a.Subject,
            a.Indicator,
            a.Input,
            a.OldValue,
            a.NewValue,
            a.Reason,
        ]).ToArray();
        return new Table(T("TableAuditTitle"), T("TableExportedOn", new DayText(today)), T("TableAuditSheet"), T("TableAuditFile"), columns, rows);
    }

    /// <summary>The table of <paramref name="list"/>: every unit.</summary>
    public static Table Units(IReadOnlyList<UnitSummary> list, Language language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(list);
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(language);
        TableColumn[] columns =
        [
            TableColumn.Text(T("TableUnitCode"), 14),
            TableColumn.Text(T("TableUnitName"), 40),
            TableColumn.Text(T("TableLevel"), 16),
            TableColumn.Text(T("TableParent"), 14),
            TableColumn.Date(T("TableClosedOn"), 14),
        ];
        var rows = list.Select(u => (IReadOnlyList<object?>)[u.Code, u.Name, u.NotScored ? T("LevelNotScored", new AppMessage("Level" + u.Level)) : T("Level" + u.Level), u.ParentCode, u.ClosedOn]).ToArray();
        return new Table(T("TableUnitsTitle"), T("TableExportedOn", new DayText(today)), T("TableUnitsSheet"), T("TableUnitsFile"), columns, rows);
    }

    /// <summary>The table of <paramref name="list"/>: every account.</summary>
    public static Table Accounts(IReadOnlyList<AccountSummary> list, Language language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(list);
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(language);
        TableColumn[] columns =
        [
            TableColumn.Text(T("TableUserName"), 18),
            TableColumn.Text(T("TableDisplayName"), 28),
            TableColumn.Text(T("TableRoles"), 24),
            TableColumn.Text(T("TableUnitCode"), 14),
            TableColumn.Text(T("TableEmail"), 28),
            TableColumn.Text(T("TableLocked"), 9),
            TableColumn.Moment(T("TableLastSignIn")),
        ];
        var rows = list.Select(a => (IReadOnlyList<object?>)
        [
            a.UserName,
            a.DisplayName,
            string.Join(", ", a.Roles.Select(r => T("TableRole" + r))),
            a.UnitCode,
            a.Email,
            T(a.LockedOut ? "TableYes" : "TableNo"),
            a.LastSignInAt is { } signedIn ? VietnamTime.ToLocal(signedIn) : null,
        ]).ToArray();
        return new Table(T("TableAccountsTitle"), T("TableExportedOn", new DayText(today)), T("TableAccountsSheet"), T("TableAccountsFile"), columns, rows);
    }

    /// <summary>A flag's label ("chưa kê khai") from its name ("not_reported").</summary>
    private static string FlagText(string name, Language language) =>
        Localizer.Format(language, "Flag" + string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
}
