using System.Globalization;
using ClosedXML.Excel;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using static OpenDti.Exchange.Workbooks.FormWorkbookLayout;

namespace OpenDti.Exchange.Workbooks;

/// <summary>
/// Writes a unit's form as an .xlsx workbook (docs/exchange.md, "The form as a workbook"): a cover sheet, one
/// sheet per main index with a row per input, only the value cells unlocked, drop-down lists for yes/no and
/// choices, number ranges, the current values as numbers, and a very hidden sheet with the workbook's
/// identity and the version of each value. Column widths are set, never measured (measuring needs GDI+).
/// </summary>
public static class FormWorkbookWriter
{
    /// <summary>The largest length of a sheet name in Excel.</summary>
    private const int SheetNameLength = 31;

    private static readonly XLColor ValueFill = XLColor.FromArgb(255, 249, 196);

    /// <summary>Writes <paramref name="content"/> to <paramref name="output"/>, its texts in <paramref name="language"/>.</summary>
    public static void Write(FormWorkbookContent content, Stream output, Language language = Language.Vietnamese)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        using var workbook = new XLWorkbook();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { IdentitySheet };
        var cover = workbook.Worksheets.Add(Unique(T(language, "WorkbookCoverSheet"), used));
        WriteCover(cover, content, language);

        var lists = new Lists(workbook.Worksheets.Add(Unique(T(language, "WorkbookListsSheet"), used)), language);
        var identity = workbook.Worksheets.Add(IdentitySheet);
        WriteIdentityHeader(identity, content.Identity);
        var identityRow = FirstCellRow;

        // One sheet per main index; an input outside every main index (a framework without them) goes on its root's sheet.
        var sections = content.Framework.MainIndices
            .Concat(content.Framework.Roots.Where(r => r.SelfAndDescendants().Any(n => n.Inputs.Count > 0 && n.MainIndex is null)))
            .ToArray();
        foreach (var root in sections)
        {
            var sheet = workbook.Worksheets.Add(Unique(root.Code.Value + ". " + root.Name, used));
            WriteHeader(sheet, root, language);
            var row = HeaderRow + 1;
            foreach (var node in root.SelfAndDescendants().Where(n => n == root || n.MainIndex is null || n.MainIndex == root))
            {
                if (node.Inputs.Count == 0)
                {
                    WriteNodeRow(sheet, row++, node);
                    continue;
                }

                var first = true;
                foreach (var input in node.Inputs)
                {
                    content.Values.TryGetValue((node.Code.Value, input.Name), out var current);
                    WriteInputRow(sheet, row, node, input, first, current, lists, language);
                    var cell = sheet.Cell(row, ValueColumn);
                    Text(identity.Cell(identityRow, 1), sheet.Name);
                    Text(identity.Cell(identityRow, 2), cell.Address.ToStringRelative());
                    Text(identity.Cell(identityRow, 3), node.Code.Value);
                    Text(identity.Cell(identityRow, 4), input.Name);
                    identity.Cell(identityRow, 5).Value = current?.Version ?? 0;
                    Text(identity.Cell(identityRow, 6), current?.Value is { } value ? ReportedValueText.Format(input, value) : string.Empty);
                    identityRow++;
                    row++;
                    first = false;
                }
            }

            sheet.SheetView.FreezeRows(HeaderRow);
            sheet.Protect();
        }

        cover.Protect();
        lists.Sheet.Protect();
        lists.Sheet.Visibility = XLWorksheetVisibility.Hidden;
        identity.Protect();
        identity.Visibility = XLWorksheetVisibility.VeryHidden;
        cover.SetTabActive();
        workbook.SaveAs(output);
    }

    private static void WriteCover(IXLWorksheet cover, FormWorkbookContent content, Language language)
    {
        cover.Column(1).Width = 22;
        cover.Column(2).Width = 100;
        cover.Cell(1, 1).Value = T(language, "WorkbookCoverTitle");
        cover.Cell(1, 1).Style.Font.Bold = true;
        cover.Cell(1, 1).Style.Font.FontSize = 14;
        var rows = new (string Key, string Value)[]
        {
            ("WorkbookCoverUnit", content.UnitName + " (" + content.Identity.UnitCode + ")"),
            ("WorkbookCoverPeriod", content.PeriodName),
            ("WorkbookCoverFramework", content.Framework.Name + " (" + content.Framework.Code + ")"),
            ("WorkbookCoverDeadline", content.ClosesOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
        };
        var row = 3;
        foreach (var (key, value) in rows)
        {
            cover.Cell(row, 1).Value = T(language, key);
            cover.Cell(row, 1).Style.Font.Bold = true;
            Text(cover.Cell(row, 2), value);
            row++;
        }

        row++;
        cover.Cell(row, 1).Value = T(language, "WorkbookCoverHowTo");
        cover.Cell(row, 1).Style.Font.Bold = true;
        row++;
        foreach (var step in new[] { "WorkbookCoverStep1", "WorkbookCoverStep2", "WorkbookCoverStep3", "WorkbookCoverStep4", "WorkbookCoverStep5" })
        {
            var cell = cover.Cell(row++, 2);
            cell.Value = T(language, step);
            cell.Style.Alignment.WrapText = true;
        }

        row++;
        cover.Cell(row, 2).Value = T(language, "WorkbookCoverValues");
        cover.Cell(row, 2).Style.Font.Italic = true;
    }

    private static void WriteIdentityHeader(IXLWorksheet identity, FormWorkbookIdentity id)
    {
        Text(identity.Cell(1, 1), Marker);
        Text(identity.Cell(2, 1), "period_id");
        identity.Cell(2, 2).Value = id.PeriodId;
        Text(identity.Cell(3, 1), "unit_code");
        Text(identity.Cell(3, 2), id.UnitCode);
        Text(identity.Cell(4, 1), "framework_code");
        Text(identity.Cell(4, 2), id.FrameworkCode);
        Text(identity.Cell(5, 1), "framework_version");
        identity.Cell(5, 2).Value = id.FrameworkVersion;
        string[] header = ["sheet", "cell", "indicator", "input", "version", "value"];
        for (var i = 0; i < header.Length; i++)
        {
            Text(identity.Cell(FirstCellRow - 1, i + 1), header[i]);
        }
    }

    private static void WriteHeader(IXLWorksheet sheet, FrameworkNode root, Language language)
    {
        Text(sheet.Cell(1, 1), root.Code.Value + ". " + root.Name);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 13;
        var headers = new (int Column, string Key, double Width)[]
        {
            (CodeColumn, "WorkbookHeaderCode", 10),
            (NameColumn, "WorkbookHeaderName", 40),
            (MaxPointsColumn, "WorkbookHeaderMaxPoints", 9),
            (RequirementColumn, "WorkbookHeaderRequirement", 40),
            (GuidanceColumn, "WorkbookHeaderGuidance", 50),
            (InputColumn, "WorkbookHeaderInput", 9),
            (LabelColumn, "WorkbookHeaderLabel", 50),
            (KindColumn, "WorkbookHeaderKind", 12),
            (UnitColumn, "WorkbookHeaderUnit", 12),
            (ValueColumn, "WorkbookHeaderValue", 24),
        };
        foreach (var (column, key, width) in headers)
        {
            var cell = sheet.Cell(HeaderRow, column);
            cell.Value = T(language, key);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromArgb(221, 235, 247);
            cell.Style.Alignment.WrapText = true;
            sheet.Column(column).Width = width;
        }

        foreach (var column in new[] { NameColumn, RequirementColumn, GuidanceColumn, LabelColumn })
        {
            sheet.Column(column).Style.Alignment.WrapText = true;
        }

        sheet.Columns(1, ValueColumn).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }

    private static void WriteNodeRow(IXLWorksheet sheet, int row, FrameworkNode node)
    {
        Text(sheet.Cell(row, CodeColumn), node.Code.Value);
        Text(sheet.Cell(row, NameColumn), node.Name);
        Number(sheet.Cell(row, MaxPointsColumn), node.MaxPoints);
        sheet.Row(row).Style.Font.Bold = true;
    }

    private static void WriteInputRow(
        IXLWorksheet sheet, int row, FrameworkNode node, InputSpec input, bool first, FormWorkbookValue? current, Lists lists, Language language)
    {
        Text(sheet.Cell(row, CodeColumn), node.Code.Value);
        Text(sheet.Cell(row, NameColumn), node.Name);
        Number(sheet.Cell(row, MaxPointsColumn), node.MaxPoints);
        if (first)
        {
            Text(sheet.Cell(row, RequirementColumn), node.Requirement ?? string.Empty);
            Text(sheet.Cell(row, GuidanceColumn), node.Guidance ?? string.Empty);
        }

        Text(sheet.Cell(row, InputColumn), input.Name);
        Text(sheet.Cell(row, LabelColumn), input.Label + (string.IsNullOrWhiteSpace(input.Help) ? string.Empty : "\n" + input.Help));
        Text(sheet.Cell(row, KindColumn), T(language, KindKey(input)));
        Text(sheet.Cell(row, UnitColumn), input.Unit ?? string.Empty);

        var cell = sheet.Cell(row, ValueColumn);
        cell.Style.Protection.Locked = false;
        cell.Style.Fill.BackgroundColor = ValueFill;
        var validation = cell.SetDataValidation();
        validation.IgnoreBlanks = true;
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = T(language, "WorkbookValidationTitle");
        switch (input.Kind)
        {
            case InputKind.YesNo:
                validation.List(lists.YesNo, true);
                validation.ErrorMessage = T(language, "WorkbookValidationList");
                break;
            case InputKind.Choice:
                validation.List(lists.Of(input), true);
                validation.ErrorMessage = T(language, "WorkbookValidationList");
                break;
            default:
                NumberRange(validation, input);
                validation.ErrorMessage = T(language, input.IsCount ? "WorkbookValidationCount" : "WorkbookValidationNumber");
                cell.Style.NumberFormat.Format = input.IsPercent ? "0.##%" : input.IsCount ? "#,##0" : "#,##0.####";
                break;
        }

        if (current?.Value is not { } value)
        {
            return;
        }

        if (input.Kind == InputKind.Number)
        {
            cell.Value = value.Number;
        }
        else
        {
            Text(cell, Label(input, value, language) ?? string.Empty);
        }
    }

    /// <summary>Whole numbers for counts; the input's range (percentages as fractions, as the cell holds them).</summary>
    private static void NumberRange(IXLDataValidation validation, InputSpec input)
    {
        var scale = input.IsPercent ? 0.01m : 1m;
        var min = input.Min * scale ?? (input.IsCount ? 0m : null);
        var max = input.Max * scale;
        if (input.IsCount)
        {
            var low = (int)Math.Clamp(Math.Ceiling(min ?? 0m), int.MinValue, int.MaxValue);
            if (max is { } high)
            {
                validation.WholeNumber.Between(low, (int)Math.Clamp(Math.Floor(high), low, int.MaxValue));
            }
            else
            {
                validation.WholeNumber.EqualOrGreaterThan(low);
            }

            return;
        }

        if (min is { } from && max is { } to)
        {
            validation.Decimal.Between((double)from, (double)to);
        }
        else if (min is { } lowest)
        {
            validation.Decimal.EqualOrGreaterThan((double)lowest);
        }
        else if (max is { } highest)
        {
            validation.Decimal.EqualOrLessThan((double)highest);
        }
        else
        {
            validation.Decimal.Between(-1e15, 1e15);
        }
    }

    private static string KindKey(InputSpec input) => input.Kind switch
    {
        InputKind.YesNo => "WorkbookKindYesNo",
        InputKind.Choice => "WorkbookKindChoice",
        _ when input.IsPercent => "WorkbookKindPercent",
        _ when input.IsCount => "WorkbookKindCount",
        _ => "WorkbookKindNumber",
    };

    /// <summary>A text cell: never read as a number or a date ("1.10" stays the indicator 1.10).</summary>
    internal static void Text(IXLCell cell, string text)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    private static void Number(IXLCell cell, decimal value)
    {
        cell.Value = value;
        cell.Style.NumberFormat.Format = "#,##0.##";
    }

    /// <summary>A sheet name Excel accepts, unique in the workbook.</summary>
    private static string Unique(string name, HashSet<string> used)
    {
        var clean = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : c).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0)
        {
            clean = "Sheet";
        }

        var candidate = clean.Length > SheetNameLength ? clean[..SheetNameLength].TrimEnd() : clean;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
            candidate = (clean.Length > SheetNameLength - suffix.Length ? clean[..(SheetNameLength - suffix.Length)].TrimEnd() : clean) + suffix;
        }

        return candidate;
    }

    private static string T(Language language, string key) => Localizer.Format(language, key);

    /// <summary>The hidden sheet holding the drop-down lists: yes/no, then one column per choice input.</summary>
    private sealed class Lists
    {
        private readonly Dictionary<InputSpec, IXLRange> _choices = [];
        private int _column = 2;

        public Lists(IXLWorksheet sheet, Language language)
        {
            Sheet = sheet;
            Text(sheet.Cell(1, 1), YesNoLabel(true, language));
            Text(sheet.Cell(2, 1), YesNoLabel(false, language));
            YesNo = sheet.Range(1, 1, 2, 1);
        }

        public IXLWorksheet Sheet { get; }

        public IXLRange YesNo { get; }

        public IXLRange Of(InputSpec input)
        {
            if (!_choices.TryGetValue(input, out var range))
            {
                var column = _column++;
                for (var i = 0; i < input.Options.Count; i++)
                {
                    Text(Sheet.Cell(i + 1, column), input.Options[i].Label);
                }

                range = Sheet.Range(1, column, Math.Max(1, input.Options.Count), column);
                _choices[input] = range;
            }

            return range;
        }
    }
}
