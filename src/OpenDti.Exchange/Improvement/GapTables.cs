using System.Globalization;
using System.Resources;
using OpenDti.Core.Text;
using OpenDti.Exchange.Tables;

namespace OpenDti.Exchange.Improvement;

/// <summary>An indicator of a unit's gap analysis as the workbook writes it.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Points">Points.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="PointsLost">Points lost.</param>
/// <param name="Measure">The measure achieved, as written ("35,74%").</param>
/// <param name="FullPoints">The measure giving full points, as written ("80%").</param>
/// <param name="Cause">The cause.</param>
/// <param name="Owner">The lead unit's name.</param>
/// <param name="LastYear">Last year's points.</param>
public sealed record GapRow(
    string Indicator, string Name, decimal Points, decimal MaxPoints, decimal PointsLost, string? Measure, string? FullPoints, string? Cause, string? Owner, decimal? LastYear);

/// <summary>An indicator of a period's gap analysis as the workbook writes it.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="PointsLost">Points lost by every unit, summed.</param>
/// <param name="UnitsLosing">Units losing points on it.</param>
/// <param name="AveragePointsLost">Points lost per unit.</param>
/// <param name="AveragePoints">Points per unit.</param>
public sealed record PeriodGapRow(string Indicator, string Name, decimal MaxPoints, decimal PointsLost, int UnitsLosing, decimal AveragePointsLost, decimal AveragePoints);

/// <summary>
/// The gap analyses as tables (<see cref="Table"/>, written as .xlsx by <see cref="TableXlsxWriter"/>): a unit's
/// indicators by points lost, and a period's indicators by points lost in all (docs/improvement.md).
/// </summary>
public static class GapTables
{
    /// <summary>A unit's gap analysis.</summary>
    /// <param name="unitName">The unit's name.</param>
    /// <param name="periodName">The period's name.</param>
    /// <param name="total">The unit's total.</param>
    /// <param name="maxTotal">The framework's total points.</param>
    /// <param name="rank">The unit's rank.</param>
    /// <param name="madeOn">The day of export (Vietnam's day).</param>
    /// <param name="rows">The indicators, in the order to write them.</param>
    /// <param name="language">The reader's language.</param>
    public static Table Unit(string unitName, string periodName, decimal total, decimal maxTotal, int rank, DateOnly madeOn, IReadOnlyList<GapRow> rows, Language language)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string T(string key, params object?[] args) => ImprovementText.Format(language, key, args);
        var columns = new[]
        {
            TableColumn.Text(T("ColumnIndicator"), 10),
            TableColumn.Text(T("ColumnName"), 50),
            TableColumn.Decimal(T("ColumnPoints")),
            TableColumn.Decimal(T("ColumnMaxPoints")),
            TableColumn.Decimal(T("ColumnPointsLost")),
            TableColumn.Text(T("ColumnMeasure"), 14),
            TableColumn.Text(T("ColumnFullPoints"), 14),
            TableColumn.Text(T("ColumnCause"), 60),
            TableColumn.Text(T("ColumnOwner"), 30),
            TableColumn.Decimal(T("ColumnLastYear")),
        };
        var cells = rows.Select(r => (IReadOnlyList<object?>)[r.Indicator, r.Name, r.Points, r.MaxPoints, r.PointsLost, r.Measure, r.FullPoints, r.Cause, r.Owner, r.LastYear]).ToArray();
        return new Table(
            T("GapUnitTitle", unitName, periodName),
            T("GapUnitSubtitle", NumberText.Points(total, language), NumberText.Points(maxTotal, language), rank, Day(madeOn)),
            T("GapSheet"),
            T("GapUnitFile", unitName, periodName),
            columns,
            cells);
    }

    /// <summary>A period's gap analysis.</summary>
    /// <param name="periodName">The period's name.</param>
    /// <param name="units">The units of the cohort.</param>
    /// <param name="madeOn">The day of export (Vietnam's day).</param>
    /// <param name="rows">The indicators, in the order to write them.</param>
    /// <param name="language">The reader's language.</param>
    public static Table Period(string periodName, int units, DateOnly madeOn, IReadOnlyList<PeriodGapRow> rows, Language language)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string T(string key, params object?[] args) => ImprovementText.Format(language, key, args);
        var columns = new[]
        {
            TableColumn.Text(T("ColumnIndicator"), 10),
            TableColumn.Text(T("ColumnName"), 50),
            TableColumn.Decimal(T("ColumnMaxPoints")),
            TableColumn.Decimal(T("ColumnTotalLost"), 2, 14),
            TableColumn.Integer(T("ColumnUnitsLosing"), 14),
            TableColumn.Decimal(T("ColumnAverageLost"), 2, 14),
            TableColumn.Decimal(T("ColumnAveragePoints"), 2, 14),
        };
        var cells = rows.Select(r => (IReadOnlyList<object?>)[r.Indicator, r.Name, r.MaxPoints, r.PointsLost, r.UnitsLosing, r.AveragePointsLost, r.AveragePoints]).ToArray();
        return new Table(T("GapPeriodTitle", periodName), T("GapPeriodSubtitle", units, Day(madeOn)), T("GapSheet"), T("GapPeriodFile", periodName), columns, cells);
    }

    private static string Day(DateOnly day) => day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);
}

/// <summary>The texts of the improvement files (Vietnamese, English beside), from ImprovementText.resx.</summary>
public static class ImprovementText
{
    private static readonly ResourceManager Resources = new("OpenDti.Exchange.Improvement.ImprovementText", typeof(ImprovementText).Assembly);

    /// <summary>The resource's text in <paramref name="language"/>, formatted.</summary>
    public static string Format(Language language, string key, params object?[] args)
    {
        var culture = language.ResourceCulture();
        var template = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No improvement text '{key}'.");
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    /// <summary>Every key of the Vietnamese resources (for the test that each has its English).</summary>
    public static IReadOnlyList<string> Keys()
    {
        var set = Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        return set is null ? [] : set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether <paramref name="key"/> has an English text of its own.</summary>
    public static bool HasEnglish(string key)
    {
        var set = Resources.GetResourceSet(Language.English.ResourceCulture(), createIfNotExists: true, tryParents: false);
        return set?.GetString(key) is { Length: > 0 };
    }
}
