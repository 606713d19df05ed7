using System.Globalization;
using System.Text;
using OpenDti.Core.Text;

namespace OpenDti.Core.Diagnostics;

/// <summary>
/// A problem found in user input (a framework file, a formula, a reported value): a stable code
/// that callers can match, the message in resources, and where it is. Bad input is a value, never an
/// exception.
/// </summary>
/// <param name="Code">Stable code, e.g. <c>DTI2001</c> (see <see cref="DiagnosticCodes"/>). It is also the resource key of the message.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Location">Where the problem is.</param>
/// <param name="Arguments">Values for the message's placeholders; numbers are formatted per language.</param>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    SourceLocation Location,
    IReadOnlyList<object?> Arguments)
{
    /// <summary>The most characters of a text argument or a place a message repeats (<see cref="Excerpt"/>).</summary>
    public const int MaxArgumentLength = 200;

    /// <summary>An error with <paramref name="code"/> at <paramref name="location"/>.</summary>
    public static Diagnostic Error(string code, SourceLocation location, params object?[] arguments) =>
        new(code, DiagnosticSeverity.Error, location, Short(arguments));

    /// <summary>A warning with <paramref name="code"/> at <paramref name="location"/>.</summary>
    public static Diagnostic Warning(string code, SourceLocation location, params object?[] arguments) =>
        new(code, DiagnosticSeverity.Warning, location, Short(arguments));

    /// <summary>
    /// Text arguments cut to <see cref="MaxArgumentLength"/> characters: whatever a file or a request
    /// holds, a message never repeats more than an excerpt of it (readers quote sent values at 50).
    /// </summary>
    private static object?[] Short(object?[] arguments) =>
        [.. arguments.Select(a => a is string text ? Excerpt.Of(text, MaxArgumentLength) : a)];

    /// <summary>Whether this is an error.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The message alone, without location: "không có đầu vào `x` ...".</summary>
    public string Message(Language language = Language.Vietnamese) =>
        Localizer.Format(language, Code, [.. Arguments]);

    /// <summary>
    /// One line, as a compiler prints it:
    /// <c>province.yaml:120:11: lỗi DTI3001: chỉ số 6.12, công thức (cột 15): không có tên `x` ...</c>
    /// </summary>
    public string ToLine(Language language = Language.Vietnamese)
    {
        var text = new StringBuilder();
        var location = Location;
        if (location.File is not null)
        {
            text.Append(Excerpt.Of(location.File, MaxArgumentLength));
            if (location.Line is { } line)
            {
                text.Append(CultureInfo.InvariantCulture, $":{line}");
                if (location.Column is { } column)
                {
                    text.Append(CultureInfo.InvariantCulture, $":{column}");
                }
            }

            text.Append(": ");
        }
        else if (location.Line is { } line)
        {
            text.Append(Localizer.Format(language, "LocationLine", line)).Append(": ");
        }

        text.Append(Localizer.Format(language, IsError ? "SeverityError" : "SeverityWarning"))
            .Append(' ').Append(Code).Append(": ");

        var context = new List<string>();
        if (location.NodeCode is not null)
        {
            context.Add(Localizer.Format(language, "LocationNode", Excerpt.Of(location.NodeCode, MaxArgumentLength)));
        }

        if (location.Formula is not null)
        {
            context.Add(Localizer.Format(language, "LocationFormulaColumn", location.Field ?? "rule", location.Formula.Column));
        }
        else if (location.Field is not null)
        {
            context.Add(Localizer.Format(language, "LocationField", Excerpt.Of(location.Field, MaxArgumentLength)));
        }

        if (context.Count > 0)
        {
            text.Append(string.Join(", ", context)).Append(": ");
        }

        text.Append(Message(language));
        return text.ToString();
    }

    /// <summary>The line of <see cref="ToLine"/> followed, for a formula, by the formula and a caret.</summary>
    public string ToDisplay(Language language = Language.Vietnamese) =>
        Location.Formula is { } formula
            ? ToLine(language) + Environment.NewLine + formula.Caret()
            : ToLine(language);

    /// <inheritdoc />
    public override string ToString() => ToLine();
}
