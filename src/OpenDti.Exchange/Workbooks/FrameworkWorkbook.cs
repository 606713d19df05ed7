using System.Globalization;
using ClosedXML.Excel;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using OpenDti.Exchange.Frameworks;

namespace OpenDti.Exchange.Workbooks;

/// <summary>
/// A framework as an .xlsx workbook (docs/exchange.md, "Frameworks as workbooks"): the fields of the YAML file
/// (docs/frameworks.md) as tables, one sheet each for the framework, the general information, the tree of
/// nodes, the inputs, the options of choices and the checks. Each table has a Vietnamese title row and a row
/// of field names (the YAML's: <c>code</c>, <c>max_points</c> …) by which columns are read, in any order.
/// Read back into the same <see cref="FrameworkDefinition"/> as the YAML reader gives, with each field's place
/// (sheet and cell) so that the compiler's checks report it there.
/// </summary>
public static class FrameworkWorkbook
{
    /// <summary>The content type of an .xlsx workbook.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int TitleRow = 1;
    private const int KeyRow = 2;
    private const int FirstRow = 3;

    private static readonly Table FrameworkTable = new("WorkbookFrameworkSheet", ["field", "value"], [14, 90]);
    private static readonly Table ProfileTable = new("WorkbookProfileSheet", ["key", "label", "unit", "count", "min"], [22, 60, 14, 8, 8]);
    private static readonly Table NodeTable = new(
        "WorkbookNodesSheet",
        ["parent", "code", "kind", "name", "max_points", "provisional", "provisional_note", "capped", "requirement", "guidance", "evidence", "note", "rule", "when_undefined"],
        [9, 10, 12, 50, 10, 10, 30, 8, 30, 50, 40, 30, 40, 14]);

    private static readonly Table InputTable = new(
        "WorkbookInputsSheet", ["indicator", "name", "label", "kind", "unit", "count", "min", "max", "part_of", "help"], [10, 14, 60, 10, 12, 8, 8, 8, 10, 40]);

    private static readonly Table OptionTable = new("WorkbookOptionsSheet", ["indicator", "input", "key", "label", "fraction"], [10, 14, 22, 60, 10]);
    private static readonly Table CheckTable = new("WorkbookChecksSheet", ["indicator", "rule", "message", "level"], [10, 50, 60, 10]);

    private static readonly string[] FrameworkFields = ["code", "name", "year", "level", "total_points", "description", "source"];

    /// <summary>Writes <paramref name="definition"/> as a workbook to <paramref name="output"/>.</summary>
    public static void Write(FrameworkDefinition definition, Stream output)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(output);
        using var workbook = new XLWorkbook();

        var sheet = Add(workbook, FrameworkTable);
        var row = FirstRow;
        foreach (var field in FrameworkFields)
        {
            Text(sheet.Cell(row, 1), field);
            var cell = sheet.Cell(row, 2);
            switch (field)
            {
                case "code": Text(cell, definition.Code); break;
                case "name": Text(cell, definition.Name); break;
                case "year": Number(cell, definition.Year); break;
                case "level": Text(cell, definition.Level); break;
                case "total_points": Number(cell, definition.TotalPoints); break;
                case "description": Text(cell, definition.Description); break;
                default: Text(cell, definition.Source); break;
            }

            row++;
        }

        sheet = Add(workbook, ProfileTable);
        row = FirstRow;
        foreach (var field in definition.Profile)
        {
            Row(sheet, row++, Text(field.Key), Text(field.Label), Text(field.Unit), Flag(field.Count), Num(field.Min));
        }

        var nodes = Add(workbook, NodeTable);
        var inputs = Add(workbook, InputTable);
        var options = Add(workbook, OptionTable);
        var checks = Add(workbook, CheckTable);
        var (nodeRow, inputRow, optionRow, checkRow) = (FirstRow, FirstRow, FirstRow, FirstRow);
        foreach (var (node, parent) in Walk(definition.Nodes, null))
        {
            Row(
                nodes,
                nodeRow++,
                Text(parent?.Code),
                Text(node.Code),
                Text(node.Kind),
                Text(node.Name),
                Num(node.MaxPoints),
                Flag(node.Provisional),
                Text(node.ProvisionalNote),
                Flag(node.Capped),
                Text(node.Requirement),
                Text(node.Guidance),
                Text(node.Evidence),
                Text(node.Note),
                Text(node.Rule?.Text),
                Text(node.WhenUndefined?.Text));
            foreach (var input in node.Inputs)
            {
                Row(inputs, inputRow++, Text(node.Code), Text(input.Name), Text(input.Label), Text(input.Kind), Text(input.Unit), Flag(input.Count), Num(input.Min), Num(input.Max), Text(input.PartOf), Text(input.Help));
                foreach (var option in input.Options)
                {
                    Row(options, optionRow++, Text(node.Code), Text(input.Name), Text(option.Key), Text(option.Label), Text(option.Fraction?.Text));
                }
            }

            foreach (var check in node.Checks)
            {
                Row(checks, checkRow++, Text(node.Code), Text(check.Rule?.Text), Text(check.Message), Text(check.Level));
            }
        }

        workbook.Worksheet(1).SetTabActive();
        workbook.SaveAs(output);
    }

    /// <summary>
    /// Reads a framework workbook into a definition, every problem located by sheet and cell (in
    /// <see cref="SourceLocation.File"/>: "<paramref name="fileName"/> › Chỉ số!D5"). The definition is then
    /// checked by <see cref="FrameworkLoader.Load(FrameworkReadResult)"/> as a YAML file's is.
    /// </summary>
    public static FrameworkReadResult Read(Stream input, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diagnostics = new DiagnosticBag();
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(input);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Error(DiagnosticCodes.WorkbookUnreadable, new SourceLocation(fileName));
            return new FrameworkReadResult(null, diagnostics.Items);
        }

        using (workbook)
        {
            try
            {
                return new Reader(workbook, fileName, diagnostics).Run();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                diagnostics.Error(DiagnosticCodes.WorkbookUnreadable, new SourceLocation(fileName));
                return new FrameworkReadResult(null, diagnostics.Items);
            }
        }
    }

    private static IEnumerable<(NodeDefinition Node, NodeDefinition? Parent)> Walk(IEnumerable<NodeDefinition> nodes, NodeDefinition? parent)
    {
        foreach (var node in nodes)
        {
            yield return (node, parent);
            foreach (var child in Walk(node.Children, node))
            {
                yield return child;
            }
        }
    }

    private static IXLWorksheet Add(XLWorkbook workbook, Table table)
    {
        var sheet = workbook.Worksheets.Add(Localizer.Format(Language.Vietnamese, table.NameKey));
        for (var i = 0; i < table.Keys.Length; i++)
        {
            var title = sheet.Cell(TitleRow, i + 1);
            Text(title, Localizer.Format(Language.Vietnamese, "WorkbookField_" + table.Keys[i]));
            title.Style.Font.Bold = true;
            title.Style.Alignment.WrapText = true;
            title.Style.Fill.BackgroundColor = XLColor.FromArgb(221, 235, 247);
            var key = sheet.Cell(KeyRow, i + 1);
            Text(key, table.Keys[i]);
            key.Style.Font.FontColor = XLColor.Gray;
            sheet.Column(i + 1).Width = table.Widths[i];
        }

        sheet.SheetView.FreezeRows(KeyRow);
        sheet.Columns(1, table.Keys.Length).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        return sheet;
    }

    private static void Row(IXLWorksheet sheet, int row, params Action<IXLCell>[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i](sheet.Cell(row, i + 1));
        }
    }

    private static Action<IXLCell> Text(string? text) => cell => Text(cell, text);

    private static Action<IXLCell> Num(decimal? value) => cell => Number(cell, value);

    private static Action<IXLCell> Flag(bool value) => cell => Text(cell, value ? "true" : null);

    private static void Text(IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        cell.DataType = XLDataType.Text;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (text.Length > 40)
        {
            cell.Style.Alignment.WrapText = true;
        }
    }

    private static void Number(IXLCell cell, decimal? value)
    {
        if (value is { } number)
        {
            cell.Value = number;
        }
    }

    private sealed record Table(string NameKey, string[] Keys, double[] Widths)
    {
        public string Name => Localizer.Format(Language.Vietnamese, NameKey);
    }

    /// <summary>One pass over the sheets; fields are read by the key row, each with its cell.</summary>
    private sealed class Reader(XLWorkbook workbook, string? fileName, DiagnosticBag diagnostics)
    {
        private DiagnosticBag Diagnostics => diagnostics;

        public FrameworkReadResult Run()
        {
            var definition = new FrameworkDefinition();
            if (Rows(FrameworkTable) is not { } frameworkRows)
            {
                return new FrameworkReadResult(null, diagnostics.Items);
            }

            definition.Location = At(FrameworkTable, "A" + FirstRow);
            foreach (var row in frameworkRows)
            {
                var field = row.Text("field");
                var at = row.At("value");
                if (field is null)
                {
                    continue;
                }

                definition.FieldLocations[field] = at;
                switch (field)
                {
                    case "code": definition.Code = row.Text("value"); break;
                    case "name": definition.Name = row.Text("value"); break;
                    case "year": definition.Year = row.Number("value", "framework") is { } year ? (int)year : null; break;
                    case "level": definition.Level = row.Text("value"); break;
                    case "total_points": definition.TotalPoints = row.Number("value", "framework"); break;
                    case "description": definition.Description = row.Text("value"); break;
                    case "source": definition.Source = row.Text("value"); break;
                    default:
                        diagnostics.Error(DiagnosticCodes.YamlUnknownField, row.At("field"), Excerpt.Of(field), string.Join(", ", FrameworkFields));
                        break;
                }
            }

            foreach (var row in Rows(ProfileTable, required: false) ?? [])
            {
                definition.Profile.Add(new ProfileFieldDefinition
                {
                    Key = row.Text("key"),
                    Label = row.Text("label"),
                    Unit = row.Text("unit"),
                    Count = row.Flag("count", "profile"),
                    Min = row.Number("min", "profile"),
                    Location = row.At("key"),
                });
            }

            var nodes = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
            foreach (var row in Rows(NodeTable) ?? [])
            {
                var node = new NodeDefinition
                {
                    Code = row.Text("code"),
                    Kind = row.Text("kind"),
                    Name = row.Text("name"),
                    MaxPoints = row.Number("max_points", "node"),
                    Provisional = row.Flag("provisional", "node"),
                    ProvisionalNote = row.Text("provisional_note"),
                    Capped = row.Flag("capped", "node"),
                    Requirement = row.Text("requirement"),
                    Guidance = row.Text("guidance"),
                    Evidence = row.Text("evidence"),
                    Note = row.Text("note"),
                    Rule = row.Formula("rule"),
                    WhenUndefined = row.Formula("when_undefined"),
                    Location = row.At("code"),
                };
                foreach (var key in NodeTable.Keys)
                {
                    if (row.Has(key))
                    {
                        node.FieldLocations[key] = row.At(key);
                    }
                }

                var parent = row.Text("parent");
                if (parent is null)
                {
                    definition.Nodes.Add(node);
                }
                else if (nodes.TryGetValue(parent, out var owner))
                {
                    owner.Children.Add(node);
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.WorkbookUnknownParent, row.At("parent").WithNode(node.Code), Excerpt.Of(parent));
                }

                if (node.Code is { } code)
                {
                    nodes.TryAdd(code, node);
                }
            }

            var inputs = new Dictionary<(string, string), InputDefinition>();
            foreach (var row in Rows(InputTable, required: false) ?? [])
            {
                var input = new InputDefinition
                {
                    Name = row.Text("name"),
                    Label = row.Text("label"),
                    Kind = row.Text("kind"),
                    Unit = row.Text("unit"),
                    Count = row.Flag("count", "input"),
                    Min = row.Number("min", "input"),
                    Max = row.Number("max", "input"),
                    PartOf = row.Text("part_of"),
                    Help = row.Text("help"),
                    Location = row.At("name"),
                };
                foreach (var key in InputTable.Keys)
                {
                    if (row.Has(key))
                    {
                        input.FieldLocations[key] = row.At(key);
                    }
                }

                if (Owner(row, nodes) is { } node)
                {
                    node.Inputs.Add(input);
                    inputs.TryAdd((node.Code!, input.Name ?? string.Empty), input);
                }
            }

            foreach (var row in Rows(OptionTable, required: false) ?? [])
            {
                var option = new OptionDefinition { Key = row.Text("key"), Label = row.Text("label"), Fraction = row.Formula("fraction"), Location = row.At("key") };
                var indicator = row.Text("indicator") ?? string.Empty;
                var name = row.Text("input") ?? string.Empty;
                if (inputs.TryGetValue((indicator, name), out var input))
                {
                    input.Options.Add(option);
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.WorkbookUnknownInput, row.At("input").WithNode(indicator), Excerpt.Of(indicator), Excerpt.Of(name));
                }
            }

            foreach (var row in Rows(CheckTable, required: false) ?? [])
            {
                if (Owner(row, nodes) is { } node)
                {
                    node.Checks.Add(new CheckDefinition { Rule = row.Formula("rule"), Message = row.Text("message"), Level = row.Text("level"), Location = row.At("rule") });
                }
            }

            return new FrameworkReadResult(definition, diagnostics.Items);
        }

        private NodeDefinition? Owner(RowReader row, Dictionary<string, NodeDefinition> nodes)
        {
            var indicator = row.Text("indicator");
            if (indicator is not null && nodes.TryGetValue(indicator, out var node))
            {
                return node;
            }

            diagnostics.Error(DiagnosticCodes.WorkbookUnknownIndicator, row.At("indicator"), Excerpt.Of(indicator ?? string.Empty));
            return null;
        }

        /// <summary>The rows of <paramref name="table"/> that hold anything, or null when the sheet is missing (a problem when required).</summary>
        private List<RowReader>? Rows(Table table, bool required = true)
        {
            if (!workbook.TryGetWorksheet(table.Name, out var sheet))
            {
                if (required)
                {
                    diagnostics.Error(DiagnosticCodes.WorkbookMissingSheet, new SourceLocation(fileName), table.Name);
                }

                return null;
            }

            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            var last = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
            for (var column = 1; column <= last; column++)
            {
                var key = sheet.Cell(KeyRow, column).GetString().Trim();
                if (key.Length == 0)
                {
                    continue;
                }

                if (!table.Keys.Contains(key, StringComparer.Ordinal))
                {
                    diagnostics.Error(
                        DiagnosticCodes.YamlUnknownField, At(table, sheet.Cell(KeyRow, column).Address.ToStringRelative()), Excerpt.Of(key), string.Join(", ", table.Keys));
                    continue;
                }

                columns.TryAdd(key, column);
            }

            var rows = new List<RowReader>();
            var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
            for (var row = FirstRow; row <= lastRow; row++)
            {
                if (columns.Values.Any(c => !sheet.Cell(row, c).IsEmpty()))
                {
                    rows.Add(new RowReader(this, table, sheet, row, columns));
                }
            }

            return rows;
        }

        private SourceLocation At(Table table, string cell) =>
            new(fileName is null ? $"{table.Name}!{cell}" : $"{fileName} › {table.Name}!{cell}");

        private sealed class RowReader(Reader reader, Table table, IXLWorksheet sheet, int row, Dictionary<string, int> columns)
        {
            public bool Has(string key) => columns.ContainsKey(key);

            public SourceLocation At(string key) =>
                reader.At(table, columns.TryGetValue(key, out var column) ? sheet.Cell(row, column).Address.ToStringRelative() : "A" + row.ToString(CultureInfo.InvariantCulture));

            public string? Text(string key)
            {
                if (!columns.TryGetValue(key, out var column))
                {
                    return null;
                }

                var cell = sheet.Cell(row, column);
                if (cell.HasFormula)
                {
                    reader.Diagnostics.Error(DiagnosticCodes.WorkbookCellUnreadable, At(key));
                    return null;
                }

                var text = cell.DataType == XLDataType.Number
                    ? ((decimal)cell.GetDouble()).ToString(CultureInfo.InvariantCulture)
                    : cell.GetString();
                return string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal);
            }

            public decimal? Number(string key, string owner)
            {
                if (!columns.TryGetValue(key, out var column) || sheet.Cell(row, column).IsEmpty())
                {
                    return null;
                }

                var cell = sheet.Cell(row, column);
                if (cell.DataType == XLDataType.Number && !cell.HasFormula)
                {
                    var number = cell.GetDouble();
                    if (Math.Abs(number) < 7.9e28)
                    {
                        return (decimal)number;
                    }
                }

                // A number typed as text is read by the one number rule (1.234,5 or 1234.5).
                if (Text(key) is { } text && NumberReader.Read(text) is { Succeeded: true, Percent: false } read)
                {
                    return read.Value;
                }

                reader.Diagnostics.Error(DiagnosticCodes.YamlNotANumber, At(key), owner, key);
                return null;
            }

            public bool Flag(string key, string owner)
            {
                if (!columns.TryGetValue(key, out var column))
                {
                    return false;
                }

                var cell = sheet.Cell(row, column);
                if (cell.DataType == XLDataType.Boolean && !cell.HasFormula)
                {
                    return cell.GetBoolean();
                }

                switch (Text(key)?.Trim().ToLowerInvariant())
                {
                    case "true" or "yes" or "có" or "x" or "1":
                        return true;
                    case "false" or "no" or "không" or "0" or null or "":
                        return false;
                    default:
                        reader.Diagnostics.Error(DiagnosticCodes.YamlNotABoolean, At(key), owner, key);
                        return false;
                }
            }

            public FormulaText? Formula(string key) => Text(key) is { } text ? new FormulaText(text, At(key)) : null;
        }
    }
}
