using ClosedXML.Excel;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Exchange.Workbooks;
using Xunit;

namespace OpenDti.Exchange.Tests.Workbooks;

/// <summary>The form workbook: written for every built-in framework and read back with the same values, bad cells located.</summary>
public class FormWorkbookTests
{
    public static TheoryData<string> Codes() => new(BuiltInFrameworks.Codes);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Workbook_ReadsBackEveryValue_Unchanged(string code)
    {
        var framework = BuiltInFrameworks.Get(code);
        var values = SampleValues(framework);

        var read = FormWorkbookReader.Read(Written(framework, values), framework);

        Assert.Empty(read.Problems.Select(p => $"{p.Sheet}!{p.Cell} {p.Diagnostic.ToLine()}"));
        Assert.Equal(new FormWorkbookIdentity(7, "SO-A", code, 3), read.Identity);
        Assert.Equal(framework.Inputs.Count, read.Cells.Count);
        Assert.All(read.Cells, cell =>
        {
            var input = framework.FindInput(cell.Indicator, cell.Input)!;
            var expected = values.TryGetValue((cell.Indicator, cell.Input), out var v) ? ReportedValueText.Format(input, v.Value!.Value) : string.Empty;
            Assert.False(cell.Changed, $"{cell.Sheet}!{cell.Cell} {cell.Indicator}/{cell.Input}: {cell.Downloaded} → {cell.Text}");
            Assert.Equal(expected, cell.Text);
            Assert.Equal(values.TryGetValue((cell.Indicator, cell.Input), out var w) ? w.Version : 0, cell.Version);
        });
    }

    [Fact]
    public void Workbook_HasNumbersAsNumbers_OnlyValueCellsUnlocked_AndAVeryHiddenIdentity()
    {
        var framework = BuiltInFrameworks.Get("dti-district-2023");
        var values = SampleValues(framework);
        using var workbook = new XLWorkbook(Written(framework, values));

        Assert.Equal(XLWorksheetVisibility.VeryHidden, workbook.Worksheet("opendti").Visibility);
        Assert.Equal(framework.MainIndices.Count + 3, workbook.Worksheets.Count);
        var number = framework.Inputs.First(i => i.Kind == InputKind.Number && !i.IsPercent);
        var (sheet, cell) = Locate(workbook, number);
        Assert.Equal(XLDataType.Number, sheet.Cell(cell).DataType);
        Assert.False(sheet.Cell(cell).Style.Protection.Locked);
        Assert.True(sheet.Cell(cell).HasDataValidation);
        Assert.True(sheet.IsProtected);
        Assert.True(sheet.Cell(cell).CellLeft().Style.Protection.Locked);
    }

    [Fact]
    public void ChangedCells_ReadAsChanges_LabelsAsKeys()
    {
        var framework = BuiltInFrameworks.Get("dti-province-2022");
        var values = SampleValues(framework);
        var stream = Written(framework, values);
        var yesNo = framework.Inputs.First(i => i.Kind == InputKind.YesNo);
        var choice = framework.Inputs.First(i => i.Kind == InputKind.Choice);
        var count = framework.Inputs.First(i => i.IsCount);
        var changed = Edit(stream, workbook =>
        {
            Set(workbook, yesNo, c => c.Value = "Không");
            Set(workbook, choice, c => c.Value = choice.Options[0].Label);
            Set(workbook, count, c => c.Value = 4321);
        });

        var read = FormWorkbookReader.Read(changed, framework);

        Assert.Empty(read.Problems);
        Assert.Equal("không", Cell(read, yesNo).Text);
        Assert.Equal(choice.Options[0].Key, Cell(read, choice).Text);
        Assert.Equal("4321", Cell(read, count).Text);
        Assert.Equal(3, read.Cells.Count(c => c.Changed));
    }

    [Fact]
    public void Percentages_AreFractionsInTheCell_AndPercentTextOut()
    {
        var framework = Testing.TestFrameworks.SingleRule("a");
        var percent = framework.FindInput("1.1", "pct")!;
        var values = new Dictionary<(string, string), FormWorkbookValue> { [("1.1", "pct")] = new(ReportedValue.OfNumber(0.3574m), 2) };
        var stream = Written(framework, values);
        using (var workbook = new XLWorkbook(stream))
        {
            var (sheet, cell) = Locate(workbook, percent);
            Assert.Equal(0.3574, sheet.Cell(cell).GetDouble(), 10);
            Assert.Contains("%", sheet.Cell(cell).Style.NumberFormat.Format, StringComparison.Ordinal);
        }

        stream.Position = 0;
        var unchanged = FormWorkbookReader.Read(stream, framework);
        stream.Position = 0;
        var changed = FormWorkbookReader.Read(Edit(stream, workbook => Set(workbook, percent, c => c.Value = 0.125)), framework);

        Assert.Equal("35.74%", Cell(unchanged, percent).Text);
        Assert.False(Cell(unchanged, percent).Changed);
        Assert.Equal("12.5%", Cell(changed, percent).Text);
        Assert.True(Cell(changed, percent).Changed);
    }

    [Fact]
    public void BadCells_AreLocated()
    {
        var framework = BuiltInFrameworks.Get("dti-province-2022");
        var choice = framework.Inputs.First(i => i.Kind == InputKind.Choice);
        var number = framework.Inputs.First(i => i.Kind == InputKind.Number && !i.IsCount);
        var changed = Edit(Written(framework, SampleValues(framework)), workbook =>
        {
            Set(workbook, choice, c => c.Value = "Không có trong danh sách");
            Set(workbook, number, c => c.FormulaA1 = "1+1");
        });

        var read = FormWorkbookReader.Read(changed, framework);

        using var workbook = new XLWorkbook(Written(framework, SampleValues(framework)));
        var (choiceSheet, choiceCell) = Locate(workbook, choice);
        var (numberSheet, numberCell) = Locate(workbook, number);
        Assert.Collection(
            read.Problems.OrderBy(p => p.Diagnostic.Code),
            p => Assert.Equal((DiagnosticCodes.WorkbookUnknownLabel, choiceSheet.Name, choiceCell, choice.NodeCode, choice.Name), (p.Diagnostic.Code, p.Sheet, p.Cell, p.Indicator, p.Input)),
            p => Assert.Equal((DiagnosticCodes.WorkbookCellUnreadable, numberSheet.Name, numberCell, number.NodeCode, number.Name), (p.Diagnostic.Code, p.Sheet, p.Cell, p.Indicator, p.Input)));
        Assert.Contains(choice.Options[0].Label, read.Problems.Single(p => p.Diagnostic.Code == DiagnosticCodes.WorkbookUnknownLabel).Diagnostic.Message());
    }

    [Fact]
    public void TextInANumberCell_IsPassedOnAsTyped()
    {
        var framework = BuiltInFrameworks.Get("dti-province-2022");
        var number = framework.Inputs.First(i => i.Kind == InputKind.Number && !i.IsCount && !i.IsPercent);
        var changed = Edit(Written(framework, new Dictionary<(string, string), FormWorkbookValue>()), workbook => Set(workbook, number, c => c.SetValue("1.234,5")));

        var read = FormWorkbookReader.Read(changed, framework);

        Assert.Equal("1.234,5", Cell(read, number).Text);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("zip")]
    public void NotAWorkbook_IsOneProblem(string kind)
    {
        var bytes = kind switch
        {
            "empty" => [],
            "garbage" => "không phải bảng tính"u8.ToArray(),
            _ => [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8],
        };

        var read = FormWorkbookReader.Read(new MemoryStream(bytes), BuiltInFrameworks.Get("dti-province-2022"));

        Assert.Null(read.Identity);
        Assert.Equal(DiagnosticCodes.WorkbookUnreadable, Assert.Single(read.Problems).Diagnostic.Code);
    }

    [Fact]
    public void AWorkbookWithoutIdentity_IsRefused()
    {
        using var other = new XLWorkbook();
        other.Worksheets.Add("Sheet1").Cell(1, 1).Value = 1;
        var stream = new MemoryStream();
        other.SaveAs(stream);
        stream.Position = 0;

        var read = FormWorkbookReader.Read(stream, BuiltInFrameworks.Get("dti-province-2022"));

        Assert.Equal(DiagnosticCodes.WorkbookNoIdentity, Assert.Single(read.Problems).Diagnostic.Code);
    }

    /// <summary>A value for every other input, within its range, with versions.</summary>
    internal static Dictionary<(string, string), FormWorkbookValue> SampleValues(Framework framework)
    {
        var values = new Dictionary<(string, string), FormWorkbookValue>();
        var i = 0;
        foreach (var input in framework.Inputs)
        {
            i++;
            if (i % 5 == 0)
            {
                continue;
            }

            var value = input.Kind switch
            {
                InputKind.YesNo => ReportedValue.OfAnswer(i % 2 == 0),
                InputKind.Choice => ReportedValue.OfOption(input.Options[i % input.Options.Count].Key),
                _ when input.IsPercent => ReportedValue.OfNumber(0.3574m),
                _ when input.IsCount => ReportedValue.OfNumber(1000 + i),
                _ => ReportedValue.OfNumber(1234.5m + i),
            };
            values[(input.NodeCode, input.Name)] = new FormWorkbookValue(value, i);
        }

        return values;
    }

    internal static MemoryStream Written(Framework framework, IReadOnlyDictionary<(string, string), FormWorkbookValue> values)
    {
        var stream = new MemoryStream();
        FormWorkbookWriter.Write(new FormWorkbookContent(new FormWorkbookIdentity(7, "SO-A", framework.Code, 3), "Kỳ 2024", "Sở A", new DateOnly(2025, 3, 31), framework, values), stream);
        stream.Position = 0;
        return stream;
    }

    private static WorkbookCell Cell(FormWorkbookRead read, InputSpec input) => read.Cells.Single(c => c.Indicator == input.NodeCode && c.Input == input.Name);

    private static (IXLWorksheet Sheet, string Cell) Locate(XLWorkbook workbook, InputSpec input)
    {
        var identity = workbook.Worksheet("opendti");
        for (var row = 8; !identity.Cell(row, 1).IsEmpty(); row++)
        {
            if (identity.Cell(row, 3).GetString() == input.NodeCode && identity.Cell(row, 4).GetString() == input.Name)
            {
                return (workbook.Worksheet(identity.Cell(row, 1).GetString()), identity.Cell(row, 2).GetString());
            }
        }

        throw new InvalidOperationException($"{input} is not in the workbook");
    }

    private static void Set(XLWorkbook workbook, InputSpec input, Action<IXLCell> set)
    {
        var (sheet, cell) = Locate(workbook, input);
        set(sheet.Cell(cell));
    }

    private static MemoryStream Edit(Stream stream, Action<XLWorkbook> edit)
    {
        using var workbook = new XLWorkbook(stream);
        edit(workbook);
        var output = new MemoryStream();
        workbook.SaveAs(output);
        output.Position = 0;
        return output;
    }
}
