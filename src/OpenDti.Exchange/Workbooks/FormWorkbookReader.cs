using System.Globalization;
using ClosedXML.Excel;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using static OpenDti.Exchange.Workbooks.FormWorkbookLayout;

namespace OpenDti.Exchange.Workbooks;

/// <summary>
/// Reads a form workbook written by <see cref="FormWorkbookWriter"/> back into value cells as exchange text,
/// each with its place and the value and version it held at download. Only what belongs to the file is
/// checked here (the identity sheet, the sheets and cells it names, formulas, the labels of yes/no and
/// choices); numbers are passed on as the cell holds them — a numeric cell as its number, a text as typed —
/// for the values route's own checks (the one number rule, ranges, parts), so that there is one validation.
/// </summary>
public static class FormWorkbookReader
{
    /// <summary>Reads <paramref name="input"/> against <paramref name="framework"/>; never throws on bad content.</summary>
    public static FormWorkbookRead Read(Stream input, Framework framework)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(framework);
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(input);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ClosedXML and the packaging layer throw many types on a file that is not a workbook: all mean the same here.
            return Refused(null, null, Diagnostic.Error(DiagnosticCodes.WorkbookUnreadable, SourceLocation.None));
        }

        using (workbook)
        {
            try
            {
                return Read(workbook, framework);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Refused(null, null, Diagnostic.Error(DiagnosticCodes.WorkbookUnreadable, SourceLocation.None));
            }
        }
    }

    private static FormWorkbookRead Read(XLWorkbook workbook, Framework framework)
    {
        if (!workbook.TryGetWorksheet(IdentitySheet, out var identitySheet) || Plain(identitySheet.Cell(1, 1)) != Marker)
        {
            return Refused(null, null, Diagnostic.Error(DiagnosticCodes.WorkbookNoIdentity, SourceLocation.None));
        }

        var periodId = Integer(identitySheet.Cell(2, 2));
        var unitCode = Plain(identitySheet.Cell(3, 2));
        var frameworkCode = Plain(identitySheet.Cell(4, 2));
        var frameworkVersion = Integer(identitySheet.Cell(5, 2));
        if (periodId is null || frameworkVersion is null || unitCode.Length == 0 || frameworkCode.Length == 0)
        {
            return Refused(IdentitySheet, "B2", Damaged(IdentitySheet + "!B2:B5"));
        }

        var identity = new FormWorkbookIdentity(periodId.Value, unitCode, frameworkCode, frameworkVersion.Value);
        if (!string.Equals(frameworkCode, framework.Code, StringComparison.Ordinal))
        {
            // Another framework's rows cannot be read against this one; the caller refuses the identity.
            return new FormWorkbookRead(identity, [], []);
        }

        var cells = new List<WorkbookCell>();
        var problems = new List<WorkbookProblem>();
        var seen = new HashSet<(string, string)>();
        for (var row = FirstCellRow; !identitySheet.Cell(row, 1).IsEmpty(); row++)
        {
            var sheetName = Plain(identitySheet.Cell(row, 1));
            var address = Plain(identitySheet.Cell(row, 2));
            var indicator = Plain(identitySheet.Cell(row, 3));
            var name = Plain(identitySheet.Cell(row, 4));
            var version = Integer(identitySheet.Cell(row, 5));
            var downloaded = Plain(identitySheet.Cell(row, 6));
            var spec = framework.FindInput(indicator, name);
            if (spec is null || version is null || !seen.Add((indicator, name)))
            {
                problems.Add(new WorkbookProblem(IdentitySheet, "A" + row.ToString(CultureInfo.InvariantCulture), indicator, name, Damaged(IdentitySheet + "!" + row.ToString(CultureInfo.InvariantCulture))));
                continue;
            }

            if (!workbook.TryGetWorksheet(sheetName, out var sheet))
            {
                problems.Add(new WorkbookProblem(sheetName, address, indicator, name, Diagnostic.Error(DiagnosticCodes.WorkbookMissingSheet, SourceLocation.None, Excerpt.Of(sheetName))));
                continue;
            }

            IXLCell cell;
            try
            {
                cell = sheet.Cell(address);
            }
            catch (ArgumentException)
            {
                problems.Add(new WorkbookProblem(IdentitySheet, "B" + row.ToString(CultureInfo.InvariantCulture), indicator, name, Damaged(Excerpt.Of(address)!)));
                continue;
            }

            var (text, problem) = ValueOf(cell, spec);
            if (problem is not null)
            {
                problems.Add(new WorkbookProblem(sheet.Name, address, indicator, name, problem));
                continue;
            }

            cells.Add(new WorkbookCell(sheet.Name, address, indicator, name, text, downloaded, version.Value));
        }

        return new FormWorkbookRead(identity, cells, problems);
    }

    /// <summary>The cell's content as exchange text for <paramref name="input"/>, or why it cannot be read.</summary>
    private static (string Text, Diagnostic? Problem) ValueOf(IXLCell cell, InputSpec input)
    {
        if (cell.HasFormula)
        {
            return (string.Empty, Diagnostic.Error(DiagnosticCodes.WorkbookCellUnreadable, SourceLocation.None));
        }

        if (cell.IsEmpty())
        {
            return (string.Empty, null);
        }

        switch (cell.DataType)
        {
            case XLDataType.Number:
                var number = cell.GetDouble();
                if (input.Kind == InputKind.Number)
                {
                    // A numeric cell is already a number (a percentage as its fraction): no text rule applies.
                    return Math.Abs(number) < 7.9e28
                        ? (ReportedValueText.Format(input, ReportedValue.OfNumber((decimal)number)), null)
                        : (number.ToString("R", CultureInfo.InvariantCulture), null);
                }

                return Labelled(input, number.ToString(CultureInfo.InvariantCulture));
            case XLDataType.Boolean:
                return input.Kind == InputKind.YesNo
                    ? (cell.GetBoolean() ? "có" : "không", null)
                    : Labelled(input, cell.GetBoolean() ? "true" : "false");
            case XLDataType.Text:
                var text = cell.GetString().Trim();
                return input.Kind == InputKind.Number ? (text, null) : Labelled(input, text);
            default:
                // A date or a time where a figure is expected.
                return (string.Empty, Diagnostic.Error(DiagnosticCodes.WorkbookCellUnreadable, SourceLocation.None));
        }
    }

    /// <summary>A yes/no or choice as its exchange text: a label (Vietnamese or English) or the key itself.</summary>
    private static (string Text, Diagnostic? Problem) Labelled(InputSpec input, string text)
    {
        if (text.Length == 0)
        {
            return (string.Empty, null);
        }

        if (input.Kind == InputKind.YesNo)
        {
            foreach (var answer in new[] { true, false })
            {
                if (Matches(text, YesNoLabel(answer, Language.Vietnamese)) || Matches(text, YesNoLabel(answer, Language.English)))
                {
                    return (answer ? "có" : "không", null);
                }
            }

            // Other spellings (có, yes, 1, đã …) are the values route's to accept or refuse.
            return (text, null);
        }

        if (input.Kind == InputKind.Number)
        {
            return (text, null);
        }

        var option = input.Options.FirstOrDefault(o => Matches(text, o.Label)) ?? input.FindOption(text);
        return option is not null
            ? (option.Key, null)
            : (string.Empty, Diagnostic.Error(
                DiagnosticCodes.WorkbookUnknownLabel, SourceLocation.None, Excerpt.Of(text), input.Name, new TextList(input.Options.Select(o => o.Label).ToArray())));
    }

    private static bool Matches(string text, string label) =>
        string.Equals(text.Normalize(), label.Trim().Normalize(), StringComparison.OrdinalIgnoreCase);

    private static string Plain(IXLCell cell) => cell.HasFormula ? string.Empty : cell.GetString().Trim();

    private static int? Integer(IXLCell cell)
    {
        if (cell.HasFormula)
        {
            return null;
        }

        if (cell.DataType == XLDataType.Number)
        {
            var number = cell.GetDouble();
            return number is >= int.MinValue and <= int.MaxValue && number == Math.Floor(number) ? (int)number : null;
        }

        return int.TryParse(cell.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static Diagnostic Damaged(string where) => Diagnostic.Error(DiagnosticCodes.WorkbookIdentityDamaged, SourceLocation.None, where);

    private static FormWorkbookRead Refused(string? sheet, string? cell, Diagnostic diagnostic) =>
        new(null, [], [new WorkbookProblem(sheet, cell, null, null, diagnostic)]);
}
