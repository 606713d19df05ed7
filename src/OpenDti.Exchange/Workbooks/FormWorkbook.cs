using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;

namespace OpenDti.Exchange.Workbooks;

/// <summary>Which form a workbook is: the period, the unit, and the framework version its rows come from.</summary>
/// <param name="PeriodId">The period's id.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="FrameworkCode">The framework's code.</param>
/// <param name="FrameworkVersion">The framework version's id (a framework imported again is a new version).</param>
public sealed record FormWorkbookIdentity(int PeriodId, string UnitCode, string FrameworkCode, int FrameworkVersion);

/// <summary>A value as it stands when the workbook is made: the value (null when not reported) and its version.</summary>
/// <param name="Value">The value, or null.</param>
/// <param name="Version">The value's version (0 when not reported), sent back with a change so that a newer value is a conflict.</param>
public sealed record FormWorkbookValue(ReportedValue? Value, int Version);

/// <summary>What a form workbook holds: who and when, the framework's rows, the values as they stand.</summary>
/// <param name="Identity">The workbook's identity (written on its very hidden sheet).</param>
/// <param name="PeriodName">The period's name, for the cover.</param>
/// <param name="UnitName">The unit's name, for the cover.</param>
/// <param name="ClosesOn">The deadline, for the cover.</param>
/// <param name="Framework">The period's framework.</param>
/// <param name="Values">The values, by indicator and input.</param>
public sealed record FormWorkbookContent(
    FormWorkbookIdentity Identity,
    string PeriodName,
    string UnitName,
    DateOnly ClosesOn,
    Framework Framework,
    IReadOnlyDictionary<(string Indicator, string Input), FormWorkbookValue> Values);

/// <summary>
/// A value cell read back: where it is, what it is for, its content as exchange text (what the values route
/// reads: "1234.5", "35.74%", "có", an option key; empty when the cell is empty, the raw text when it is not
/// a number), and the value and version it held when the workbook was made.
/// </summary>
/// <param name="Sheet">The sheet's name.</param>
/// <param name="Cell">The cell's address ("J5").</param>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Input">The input name.</param>
/// <param name="Text">The cell's content as exchange text; empty when the cell is empty.</param>
/// <param name="Downloaded">The value written into the cell when the workbook was made, as exchange text; empty when none.</param>
/// <param name="Version">The value's version when the workbook was made.</param>
public sealed record WorkbookCell(string Sheet, string Cell, string Indicator, string Input, string Text, string Downloaded, int Version)
{
    /// <summary>Whether the person changed the cell since the workbook was made.</summary>
    public bool Changed => !string.Equals(Text, Downloaded, StringComparison.Ordinal);
}

/// <summary>A problem of a workbook, located: the sheet and cell, the indicator and input when known, and what is wrong.</summary>
/// <param name="Sheet">The sheet, when known.</param>
/// <param name="Cell">The cell, when known.</param>
/// <param name="Indicator">The indicator, when known.</param>
/// <param name="Input">The input, when known.</param>
/// <param name="Diagnostic">What is wrong.</param>
public sealed record WorkbookProblem(string? Sheet, string? Cell, string? Indicator, string? Input, Diagnostic Diagnostic);

/// <summary>What <see cref="FormWorkbookReader"/> found: the identity (null when it cannot be read), the value cells and the problems.</summary>
/// <param name="Identity">The identity, or null.</param>
/// <param name="Cells">Every value cell that could be read.</param>
/// <param name="Problems">Every problem, located.</param>
public sealed record FormWorkbookRead(FormWorkbookIdentity? Identity, IReadOnlyList<WorkbookCell> Cells, IReadOnlyList<WorkbookProblem> Problems);

/// <summary>The layout both the writer and the reader follow.</summary>
internal static class FormWorkbookLayout
{
    /// <summary>The very hidden sheet with the identity and the version of each value.</summary>
    public const string IdentitySheet = "opendti";

    /// <summary>The first cell of the identity sheet: what the workbook is.</summary>
    public const string Marker = "opendti-form-workbook/1";

    /// <summary>The row of the identity sheet where the table of value cells starts (its header is the row before).</summary>
    public const int FirstCellRow = 8;

    /// <summary>Columns of a main index sheet.</summary>
    public const int CodeColumn = 1, NameColumn = 2, MaxPointsColumn = 3, RequirementColumn = 4, GuidanceColumn = 5,
        InputColumn = 6, LabelColumn = 7, KindColumn = 8, UnitColumn = 9, ValueColumn = 10;

    /// <summary>The header row of a main index sheet; rows start after it.</summary>
    public const int HeaderRow = 3;

    /// <summary>The label of yes or no in <paramref name="language"/>.</summary>
    public static string YesNoLabel(bool answer, Core.Text.Language language) =>
        Core.Text.Localizer.Format(language, answer ? "WorkbookYes" : "WorkbookNo");

    /// <summary>The value as the cell shows it for a yes/no or choice input (its label); null for numbers.</summary>
    public static string? Label(InputSpec input, ReportedValue value, Core.Text.Language language) => input.Kind switch
    {
        InputKind.YesNo => YesNoLabel(value.Answer, language),
        InputKind.Choice => input.FindOption(value.Option ?? string.Empty)?.Label ?? value.Option,
        _ => null,
    };
}
