using System.Globalization;
using CsCheck;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// Properties that hold for any cohort: points within [0, max]; a parent is the capped sum of its
/// children's rounded points; results do not depend on unit order or the number of threads.
/// Cohorts are random over the example framework (every rule type), with some values missing.
/// </summary>
public class ScoringPropertyTests
{
    private static readonly Framework Example =
        FrameworkLoader.Load(TestFrameworks.RepositoryFile("samples/frameworks/example.yaml"), "example.yaml").Framework!;

    /// <summary>A value for an input: mostly plausible, sometimes zero, sometimes missing (null).</summary>
    private static Gen<ReportedValue?> ValueFor(InputSpec input) => input.Kind switch
    {
        InputKind.YesNo => Gen.Int[0, 9].Select(i => i == 0 ? (ReportedValue?)null : ReportedValue.OfAnswer(i % 2 == 0)),
        InputKind.Choice => Gen.Int[0, input.Options.Count].Select(i => i == input.Options.Count
            ? (ReportedValue?)null
            : ReportedValue.OfOption(input.Options[i].Key)),
        _ => Gen.Int[0, 12].SelectMany(kind => kind switch
        {
            0 => Gen.Const((ReportedValue?)null),
            1 => Gen.Const((ReportedValue?)ReportedValue.OfNumber(0m)),
            _ => Gen.Int[0, 1_000_000].Select(n => (ReportedValue?)ReportedValue.OfNumber(n / 100m)),
        }),
    };

    private static readonly Gen<ReportedValue?[]> UnitValues =
        Example.Inputs.Select(ValueFor).Aggregate(
            Gen.Const(Array.Empty<ReportedValue?>()),
            (values, next) => values.SelectMany(list => next.Select(value => (ReportedValue?[])[.. list, value])));

    private static readonly Gen<ReportedValue?[][]> Cohort = UnitValues.Array[1, 12];

    private static IReadOnlyList<UnitInputs> Build(ReportedValue?[][] cohort)
    {
        var units = new List<UnitInputs>();
        for (var u = 0; u < cohort.Length; u++)
        {
            var unit = new UnitInputs(Example, "U" + u.ToString("D2", CultureInfo.InvariantCulture));
            unit.SetProfile(Example.ProfileFields[0], 50m + u);
            unit.SetProfile(Example.ProfileFields[1], 100m);
            for (var slot = 0; slot < cohort[u].Length; slot++)
            {
                if (cohort[u][slot] is { } value)
                {
                    unit.Set(Example.Inputs[slot], value);
                }
            }

            units.Add(unit);
        }

        return units;
    }

    [Fact]
    public void Points_StayWithinZeroAndMax_AndParentsAreTheCappedSumOfTheirChildren()
    {
        Cohort.Sample(cohort =>
        {
            var scores = ScoringEngine.Score(Example, Build(cohort));
            foreach (var unit in scores.Units)
            {
                foreach (var node in Example.Nodes)
                {
                    var points = unit[node].Points;
                    Assert.InRange(points, 0m, node.MaxPoints);
                    Assert.Equal(points, Math.Round(points, 2));
                    if (!node.IsLeaf)
                    {
                        Assert.Equal(Math.Min(node.MaxPoints, node.Children.Sum(c => unit[c].Points)), points);
                    }
                }

                Assert.Equal(Example.Roots.Sum(r => unit[r].Points), unit.Total);
            }
        }, iter: 200);
    }

    [Fact]
    public void Results_DoNotDependOnUnitOrderOrThreads()
    {
        Cohort.Select(Gen.Int).Sample((cohort, seed) =>
        {
            var units = Build(cohort);
            var shuffled = units.OrderBy(u => HashCode.Combine(seed, u.UnitCode)).ToArray();

            var sequential = ScoringEngine.Score(Example, units, new ScoringOptions { MaxDegreeOfParallelism = 1 });
            var parallel = ScoringEngine.Score(Example, shuffled, new ScoringOptions { MaxDegreeOfParallelism = 8 });

            Assert.Equal(Fingerprint(sequential), Fingerprint(parallel));
        }, iter: 100);
    }

    [Fact]
    public void Results_DoNotDependOnThreads_ForALargeCohort()
    {
        // Large enough for the engine to split the work between threads.
        var cohort = Cohort.Array[1, 1].Select(c => c[0]).Single();
        var units = Build(Enumerable.Range(0, 40).SelectMany(_ => cohort).Take(400).ToArray());

        var sequential = ScoringEngine.Score(Example, units, new ScoringOptions { MaxDegreeOfParallelism = 1 });
        var parallel = ScoringEngine.Score(Example, units.Reverse().ToArray(), new ScoringOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(Fingerprint(sequential), Fingerprint(parallel));
    }

    /// <summary>Every unit's rank and every node's points, fraction and measure, as text: equal text means equal bits.</summary>
    private static string Fingerprint(CohortScores scores) =>
        string.Join(
            "\n",
            scores.Units.OrderBy(u => u.UnitCode, StringComparer.Ordinal).Select(u =>
                u.UnitCode + " " + u.Rank.ToString(CultureInfo.InvariantCulture) + " " + u.Total.ToString(CultureInfo.InvariantCulture) + ": "
                + string.Join(";", u.Nodes.Select(n => $"{n.Points.ToString(CultureInfo.InvariantCulture)}|{n.Fraction.ToString(CultureInfo.InvariantCulture)}|{n.Measure}|{n.Flags}"))));
}
