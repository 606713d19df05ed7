using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Binding;

namespace OpenDti.Core.Frameworks.Definitions;

/// <summary>
/// A formula as written in a file, and where its first character is. Problems found at an offset of
/// the formula are placed at the right line and column of the file.
/// </summary>
/// <param name="Text">The formula.</param>
/// <param name="Location">Where its first character is (file, line, column).</param>
/// <param name="ContinuationColumn">For a multi-line formula, the column where each following line starts.</param>
public sealed record FormulaText(string Text, SourceLocation Location, int? ContinuationColumn = null)
{
    /// <summary>A formula that does not come from a file.</summary>
    public static implicit operator FormulaText(string text) => new(text, SourceLocation.None);

    /// <summary>The location of an issue found in this formula, for the node <paramref name="nodeCode"/> and <paramref name="field"/>.</summary>
    public SourceLocation LocationOf(FormulaIssue issue, string? nodeCode, string field)
    {
        var start = Math.Clamp(issue.Start, 0, Text.Length);
        var before = Text[..start];
        var newlines = before.Count(c => c == '\n');
        int? line = Location.Line is { } first ? first + newlines : null;
        int? column;
        if (newlines == 0)
        {
            column = Location.Column is { } c ? c + start : null;
        }
        else
        {
            column = ContinuationColumn is { } c ? c + (start - before.LastIndexOf('\n') - 1) : null;
        }

        return Location with
        {
            Line = line,
            Column = column,
            NodeCode = nodeCode,
            Field = field,
            Formula = new FormulaSpan(Text, start + 1, Math.Max(1, issue.End - issue.Start)),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
