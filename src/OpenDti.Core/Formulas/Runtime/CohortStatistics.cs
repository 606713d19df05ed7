namespace OpenDti.Core.Formulas.Runtime;

/// <summary>
/// The figures of a cohort that a cohort-relative rule (<c>minmax</c>, <c>best</c>) compares a unit
/// with: the lowest and highest defined measures among the scored units and the reference values.
/// </summary>
/// <remarks>Undefined and missing measures are ignored. <see cref="Count"/> counts units, not references.</remarks>
public sealed class CohortStatistics
{
    /// <summary>Statistics of an empty cohort.</summary>
    public static CohortStatistics Empty { get; } = new(null, null, null, null, 0, []);

    /// <summary>Creates statistics.</summary>
    public CohortStatistics(
        decimal? min,
        decimal? max,
        string? minSource,
        string? maxSource,
        int count,
        IReadOnlyList<ReferenceMeasure> references)
    {
        Min = min;
        Max = max;
        MinSource = minSource;
        MaxSource = maxSource;
        Count = count;
        References = references;
    }

    /// <summary>The lowest defined measure, or null when there is none.</summary>
    public decimal? Min { get; }

    /// <summary>The highest defined measure, or null when there is none.</summary>
    public decimal? Max { get; }

    /// <summary>Which unit or reference holds the lowest measure.</summary>
    public string? MinSource { get; }

    /// <summary>Which unit or reference holds the highest measure.</summary>
    public string? MaxSource { get; }

    /// <summary>How many scored units had a defined measure.</summary>
    public int Count { get; }

    /// <summary>The reference measures added to the cohort (not ranked).</summary>
    public IReadOnlyList<ReferenceMeasure> References { get; }

    /// <summary>Computes statistics over <paramref name="unitMeasures"/> (paired with unit codes) and <paramref name="references"/>.</summary>
    public static CohortStatistics Compute(
        IEnumerable<(string Unit, Value Measure)> unitMeasures,
        IReadOnlyList<ReferenceMeasure> references)
    {
        decimal? min = null, max = null;
        string? minSource = null, maxSource = null;
        var count = 0;

        void Consider(decimal value, string source)
        {
            // Ties keep the source that sorts first so that the result is the same in any order.
            if (min is null || value < min || (value == min && string.CompareOrdinal(source, minSource) < 0))
            {
                min = value;
                minSource = source;
            }

            if (max is null || value > max || (value == max && string.CompareOrdinal(source, maxSource) < 0))
            {
                max = value;
                maxSource = source;
            }
        }

        foreach (var (unit, measure) in unitMeasures)
        {
            if (measure.IsDefined)
            {
                count++;
                Consider(measure.Number, unit);
            }
        }

        foreach (var reference in references)
        {
            Consider(reference.Measure, reference.Label);
        }

        return new CohortStatistics(min, max, minSource, maxSource, count, references);
    }
}

/// <summary>
/// A measure from outside the cohort (e.g. last year's national best for 7.10) that takes part in
/// finding the cohort's min and max but is not scored or ranked.
/// </summary>
/// <param name="IndicatorCode">The indicator whose cohort it joins.</param>
/// <param name="Label">Where it comes from ("Cao nhất cả nước 2022").</param>
/// <param name="Measure">The measure, in the same unit as the indicator's (a ratio as a fraction: 0.9185).</param>
public sealed record ReferenceMeasure(string IndicatorCode, string Label, decimal Measure);
