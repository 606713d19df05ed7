using System.Globalization;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Exchange.Values;

namespace OpenDti.Exchange.Results;

/// <summary>
/// Writes a cohort's results as CSV, one row per unit and node:
/// <c>unit,rank,total,code,name,points,max_points,fraction,measure,flags[,explanation]</c>.
/// Numbers are written with a dot, flags separated by <c>|</c>.
/// </summary>
public static class ScoresCsvWriter
{
    /// <summary>Writes the results to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, CohortScores scores, bool explain, Language language = Language.Vietnamese)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(scores);
        string[] header = ["unit", "rank", "total", "code", "name", "points", "max_points", "fraction", "measure", "flags"];
        writer.WriteLine(string.Join(",", explain ? [.. header, "explanation"] : header));
        foreach (var unit in scores.Units)
        {
            foreach (var node in scores.Framework.Nodes)
            {
                var score = unit[node];
                var cells = new List<string>
                {
                    unit.UnitCode,
                    unit.Rank.ToString(CultureInfo.InvariantCulture),
                    unit.Total.ToString(CultureInfo.InvariantCulture),
                    node.Code.Value,
                    node.Name,
                    score.Points.ToString(CultureInfo.InvariantCulture),
                    node.MaxPoints.ToString(CultureInfo.InvariantCulture),
                    Math.Round(score.Fraction, ScoresJsonWriter.Decimals, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture),
                    score.Measure.IsDefined
                        ? Math.Round(score.Measure.Number, ScoresJsonWriter.Decimals, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)
                        : string.Empty,
                    string.Join("|", ScoreFlagNames.Names(score.Flags)),
                };
                if (explain)
                {
                    cells.Add(scores.Explain(unit, node, language).Text);
                }

                writer.WriteLine(string.Join(",", cells.Select(CsvTable.Escape)));
            }
        }
    }
}
