namespace OpenDti.Application.Results;

/// <summary>Which values a period is scored from.</summary>
public enum ValueBasis
{
    /// <summary>
    /// As reviewed: an evaluator's adjustment stands in place of the value the unit reported; every other
    /// value as reported. Rankings, scorecards and the period page show these points.
    /// </summary>
    Reviewed = 0,

    /// <summary>The self-assessment: the values the unit reported, without any adjustment.</summary>
    SelfAssessed = 1,
}
