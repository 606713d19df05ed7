namespace OpenDti.Core.Frameworks;

/// <summary>What a unit reports for an input.</summary>
public enum InputKind
{
    /// <summary>A number: a count, an amount (tỷ đồng), a percentage.</summary>
    Number,

    /// <summary>Có / Không. In formulas it is a condition (1 or 0).</summary>
    YesNo,

    /// <summary>One option of a list; in formulas its value is the option's fraction.</summary>
    Choice,
}
