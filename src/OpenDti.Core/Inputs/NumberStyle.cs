namespace OpenDti.Core.Inputs;

/// <summary>How numbers are written in the text being read.</summary>
public enum NumberStyle
{
    /// <summary>
    /// Data files: at most one decimal mark, <c>.</c> or <c>,</c>; no thousands separator; an optional
    /// <c>%</c>. "1234,5", "0.25", "35,74%".
    /// </summary>
    Plain,

    /// <summary>
    /// Forms in Vietnamese: <c>.</c> groups thousands and <c>,</c> marks decimals ("1.234,56"). A lone
    /// dot that does not group thousands ("1.5") is read as a decimal mark; plain numbers are accepted.
    /// </summary>
    Vietnamese,
}
