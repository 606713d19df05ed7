using OpenDti.Application.Improvement.Trends;
using OpenDti.Core.Text;

namespace OpenDti.Web.Pages.Periods;

/// <summary>What the ranking page's trends (<c>_PeriodTrends.cshtml</c>) show: the top units and, when chosen, one more.</summary>
/// <param name="Trends">The period's cohort over the years.</param>
/// <param name="Chosen">The code of the unit chosen with <c>?trend=</c>, when it is in the cohort.</param>
public sealed record PeriodTrendsView(PeriodTrends Trends, string? Chosen)
{
    /// <summary>How many of the best-ranked units are drawn.</summary>
    public const int Top = 5;

    /// <summary>The units drawn: the top ones, then the chosen one if it is not among them.</summary>
    public IReadOnlyList<UnitTrend> Shown
    {
        get
        {
            var units = Trends.Trends.Units;
            var shown = units.Take(Top).ToList();
            if (Chosen is not null && units.FirstOrDefault(u => u.UnitCode == Chosen) is { } chosen && !shown.Contains(chosen))
            {
                shown.Add(chosen);
            }

            return shown;
        }
    }
}

/// <summary>How trends and sensitivity are written on the pages.</summary>
public static class TrendText
{
    /// <summary>The mark drawn at each year whose framework changed since the year before.</summary>
    public static IReadOnlyDictionary<int, string> Marks(LevelTrends trends, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(trends);
        ArgumentNullException.ThrowIfNull(text);
        return trends.Years.Where(y => y.FrameworkChanged).ToDictionary(y => y.Year, _ => text("TrendsFrameworkChangedMark"));
    }

    /// <summary>What changed in the framework at <paramref name="year"/>, as a sentence ("Bộ chỉ số: a → b; tổng điểm: 1.000 → 900").</summary>
    public static string Changes(TrendYear year, Language language, Func<string, object?[], string> text)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(text);
        string Points(string? value) => value is null
            ? "—"
            : NumberText.Points(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), language);
        return string.Join("; ", year.Changes.Select(c => c.What switch
        {
            "framework" => text("TrendsChangeFramework", [c.Before, c.After]),
            "total" => text("TrendsChangeTotal", [Points(c.Before), Points(c.After)]),
            _ => text("TrendsChangeMainIndex", [c.What, Points(c.Before), Points(c.After)]),
        }));
    }

    /// <summary>A cohort figure or measure as the reader writes it: a ratio as a percentage, any other number as is.</summary>
    public static string Figure(decimal value, bool isPercent, Language language) =>
        isPercent ? NumberText.Number(value * 100m, language, 2) + "%" : NumberText.Number(value, language, 2);
}
