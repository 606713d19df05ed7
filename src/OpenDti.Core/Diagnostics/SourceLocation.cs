namespace OpenDti.Core.Diagnostics;

/// <summary>
/// Where a problem is: a file and line, the indicator it concerns, the field, and for a formula the
/// formula text and the position in it. Every part is optional; the more is known the better.
/// </summary>
/// <param name="File">The file name as the user gave it, or null for text not read from a file.</param>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Column">1-based column in the file.</param>
/// <param name="NodeCode">The indicator or node code ("6.12").</param>
/// <param name="Field">The field of the node ("rule", "max_points", "inputs[2].options").</param>
/// <param name="Formula">For a formula problem: the formula and the span in it.</param>
public sealed record SourceLocation(
    string? File = null,
    int? Line = null,
    int? Column = null,
    string? NodeCode = null,
    string? Field = null,
    FormulaSpan? Formula = null)
{
    /// <summary>No known location.</summary>
    public static SourceLocation None { get; } = new();

    /// <summary>A copy that also names <paramref name="nodeCode"/>.</summary>
    public SourceLocation WithNode(string? nodeCode) => this with { NodeCode = nodeCode };

    /// <summary>A copy that also names <paramref name="field"/>.</summary>
    public SourceLocation WithField(string? field) => this with { Field = field };
}

/// <summary>A span inside a formula: the text, and the 1-based column and length of the span.</summary>
/// <param name="Text">The whole formula as written.</param>
/// <param name="Column">1-based column of the first character of the span.</param>
/// <param name="Length">Length of the span (at least 1 for display).</param>
public sealed record FormulaSpan(string Text, int Column, int Length)
{
    /// <summary>
    /// The formula on one line and a caret line under the span, for terminals:
    /// <code>
    /// target(ratio(b + c, a), )
    ///                         ^
    /// </code>
    /// </summary>
    public string Caret(string indent = "    ")
    {
        var singleLine = Text.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');
        var start = Math.Clamp(Column - 1, 0, singleLine.Length);
        var length = Math.Max(1, Math.Min(Length, Math.Max(1, singleLine.Length - start)));
        return indent + singleLine + Environment.NewLine + indent + new string(' ', start) + new string('^', length);
    }
}
