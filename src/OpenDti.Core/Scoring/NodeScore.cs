using OpenDti.Core.Formulas.Runtime;

namespace OpenDti.Core.Scoring;

/// <summary>A unit's result for one node.</summary>
/// <param name="Points">Points, rounded to two decimals (a parent: the capped sum of its children's rounded points).</param>
/// <param name="Fraction">Share of max points earned, 0..1 (a parent: points / max points).</param>
/// <param name="Measure">What the rule measured (usually a ratio), or missing / undefined; for a parent, undefined.</param>
/// <param name="Flags">What a reviewer should know.</param>
public readonly record struct NodeScore(decimal Points, decimal Fraction, Value Measure, ScoreFlags Flags);
