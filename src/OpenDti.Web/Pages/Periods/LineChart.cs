using System.Globalization;

namespace OpenDti.Web.Pages.Periods;

/// <summary>A line of a <see cref="LineChart"/>: a label and a value per year (years without a value are left out).</summary>
/// <param name="Label">What the line is (a unit's name, a main index).</param>
/// <param name="Values">The value of each year it has one.</param>
/// <param name="Emphasis">Whether it is drawn stronger (the unit chosen).</param>
public sealed record ChartLine(string Label, IReadOnlyDictionary<int, decimal> Values, bool Emphasis = false);

/// <summary>
/// A line chart over years, drawn by the server as SVG (<c>_LineChart.cshtml</c>): no script and no inline style
/// (the content security policy allows neither); colours come from classes in <c>results.css</c>. A year where
/// the framework changed gets a dashed mark and its label. Coordinates are written with a dot whatever the
/// reader's language.
/// </summary>
public sealed class LineChart
{
    /// <summary>The drawing's width, in SVG units (it scales to its box).</summary>
    public const int Width = 640;

    /// <summary>The drawing's height.</summary>
    public const int Height = 240;

    private const int Left = 56, Right = 24, Top = 16, Bottom = 40;

    /// <summary>Creates a chart of <paramref name="lines"/> over <paramref name="years"/>, from 0 to <paramref name="max"/>.</summary>
    public LineChart(string title, IReadOnlyList<int> years, decimal max, IReadOnlyList<ChartLine> lines, IReadOnlyDictionary<int, string> marks, Func<decimal, string> tickText)
    {
        Title = title;
        Years = years;
        Max = max <= 0m ? 1m : max;
        Lines = lines;
        Marks = marks;
        TickText = tickText;
    }

    /// <summary>What the chart shows (its accessible name; the table after it gives the figures).</summary>
    public string Title { get; }

    /// <summary>The years, oldest first.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>The top of the value axis.</summary>
    public decimal Max { get; }

    /// <summary>The lines.</summary>
    public IReadOnlyList<ChartLine> Lines { get; }

    /// <summary>The years where the framework changed, with what to write there.</summary>
    public IReadOnlyDictionary<int, string> Marks { get; }

    /// <summary>How a tick's value is written (points, a percentage).</summary>
    public Func<decimal, string> TickText { get; }

    /// <summary>The value axis' ticks: 0, a quarter, half, three quarters and the top.</summary>
    public IReadOnlyList<decimal> Ticks => [0m, Max / 4m, Max / 2m, Max * 3m / 4m, Max];

    /// <summary>The plot's left edge.</summary>
    public static string PlotLeft => Format(Left);

    /// <summary>The plot's right edge.</summary>
    public static string PlotRight => Format(Width - Right);

    /// <summary>The plot's bottom edge.</summary>
    public static string PlotBottom => Format(Height - Bottom);

    /// <summary>The plot's top edge.</summary>
    public static string PlotTop => Format(Top);

    /// <summary>Where a year's labels go, below the plot.</summary>
    public static string LabelY => Format(Height - Bottom + 18);

    /// <summary>The x of <paramref name="year"/>.</summary>
    public string X(int year)
    {
        var index = Years.ToList().IndexOf(year);
        var width = Width - Left - Right;
        return Format(Years.Count <= 1 ? Left + (width / 2m) : Left + (width * index / (decimal)(Years.Count - 1)));
    }

    /// <summary>The y of <paramref name="value"/>.</summary>
    public string Y(decimal value)
    {
        var height = Height - Top - Bottom;
        var clamped = Math.Clamp(value, 0m, Max);
        return Format(Top + (height * (1m - (clamped / Max))));
    }

    /// <summary>The points of <paramref name="line"/> for a <c>polyline</c>.</summary>
    public string PointsOf(ChartLine line) =>
        string.Join(" ", Years.Where(line.Values.ContainsKey).Select(y => X(y) + "," + Y(line.Values[y])));

    /// <summary>The class of the <paramref name="index"/>-th line (colours repeat after eight).</summary>
    public static string SeriesClass(int index) => "series-" + (index % 8).ToString(CultureInfo.InvariantCulture);

    private static string Format(decimal value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
