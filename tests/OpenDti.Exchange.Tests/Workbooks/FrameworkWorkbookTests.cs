using ClosedXML.Excel;
using OpenDti.Core.Diagnostics;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Exchange.Workbooks;
using Xunit;

namespace OpenDti.Exchange.Tests.Workbooks;

/// <summary>Frameworks as workbooks: every built-in one round-trips to the same definition; problems are located by sheet and cell.</summary>
public class FrameworkWorkbookTests
{
    public static TheoryData<string> Codes() => new(BuiltInFrameworks.Codes);

    [Theory]
    [MemberData(nameof(Codes))]
    public void BuiltIn_RoundTrips_ToTheSameDefinition(string code)
    {
        var original = BuiltInFrameworks.Get(code);

        var loaded = FrameworkLoader.Load(FrameworkWorkbook.Read(Written(original.Definition), "bo-chi-so.xlsx"));

        Assert.Empty(loaded.Diagnostics.Select(d => d.ToLine()));
        Assert.Equal(FrameworkYamlWriter.Write(original.Definition), FrameworkYamlWriter.Write(loaded.Framework!.Definition));
        Assert.Equal(original.Nodes.Select(n => (n.Code.Value, n.MaxPoints, n.Rule?.Text)), loaded.Framework.Nodes.Select(n => (n.Code.Value, n.MaxPoints, n.Rule?.Text)));
    }

    [Fact]
    public void ProvinceFramework_FromItsWorkbook_ScoresTheTienGiangSampleAlike()
    {
        var original = BuiltInFrameworks.Get("dti-province-2022");
        var roundTripped = FrameworkLoader.Load(FrameworkWorkbook.Read(Written(original.Definition))).Framework!;

        var before = Score(original);
        var after = Score(roundTripped);

        Assert.InRange(before.Total, 627.37m, 627.47m); // the published 627,42, as PublishedFiguresTests reproduces it
        Assert.Equal(original.Nodes.Select(n => before[n].Points), roundTripped.Nodes.Select(n => after[n].Points));
        Assert.Equal(before.Total, after.Total);
    }

    private static Core.Scoring.UnitScores Score(Core.Frameworks.Framework framework)
    {
        var values = Exchange.Values.ValuesCsvReader.Read(new StringReader(Testing.TestFrameworks.RepositoryFile("samples/tien-giang-2022/values.csv")), framework, "values.csv");
        var references = Exchange.Values.ReferenceCsvReader.Read(new StringReader(Testing.TestFrameworks.RepositoryFile("samples/tien-giang-2022/reference.csv")), framework, "reference.csv");
        Assert.Empty(values.Diagnostics);
        return Core.Scoring.ScoringEngine.Score(framework, values.Units, new Core.Scoring.ScoringOptions { References = references.References }).Units.Single();
    }

    [Fact]
    public void Problems_AreLocatedBySheetAndCell_ByTheSameChecksAsYaml()
    {
        var original = BuiltInFrameworks.Get("dti-department-2022");
        var edited = Edit(Written(original.Definition), workbook =>
        {
            var nodes = workbook.Worksheet("Chỉ số");
            var row = Row(nodes, 2, "3.2");
            nodes.Cell(row, 5).Value = 25; // max_points: the main index no longer adds up
            nodes.Cell(row, 13).SetValue("ratio(a, zz)"); // rule: an unknown name
            var inputs = workbook.Worksheet("Đầu vào");
            inputs.Cell(Row(inputs, 1, "3.2"), 7).SetValue("mười"); // min: not a number
        });

        var loaded = FrameworkLoader.Load(FrameworkWorkbook.Read(edited, "bo.xlsx"));

        var lines = loaded.Errors.Select(d => d.ToLine()).ToArray();
        Assert.Null(loaded.Framework);
        Assert.Contains(lines, l => l.StartsWith("bo.xlsx › Chỉ số!M", StringComparison.Ordinal) && l.Contains("DTI3001", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bo.xlsx › Đầu vào!G", StringComparison.Ordinal) && l.Contains(DiagnosticCodes.YamlNotANumber, StringComparison.Ordinal));
        Assert.Contains(loaded.Errors, d => d.Code is DiagnosticCodes.PointsDoNotAddUp or DiagnosticCodes.PointsExceedParent);
    }

    [Fact]
    public void AnInputOfAnUnknownIndicator_AndAnUnknownColumn_AreLocated()
    {
        var edited = Edit(Written(BuiltInFrameworks.Get("dti-district-2023").Definition), workbook =>
        {
            var inputs = workbook.Worksheet("Đầu vào");
            inputs.Cell(3, 1).SetValue("99.9");
            inputs.Cell(2, 12).SetValue("colour");
        });

        var read = FrameworkWorkbook.Read(edited);

        Assert.Contains(read.Diagnostics, d => d.Code == DiagnosticCodes.WorkbookUnknownIndicator && d.Location.File == "Đầu vào!A3");
        Assert.Contains(read.Diagnostics, d => d.Code == DiagnosticCodes.YamlUnknownField && d.Location.File == "Đầu vào!L2");
    }

    [Fact]
    public void NotAWorkbook_IsOneProblem()
    {
        var read = FrameworkWorkbook.Read(new MemoryStream("code: x"u8.ToArray()), "bo.xlsx");

        Assert.Null(read.Definition);
        Assert.Equal(DiagnosticCodes.WorkbookUnreadable, Assert.Single(read.Diagnostics).Code);
    }

    private static int Row(IXLWorksheet sheet, int column, string code)
    {
        for (var row = 3; ; row++)
        {
            if (sheet.Cell(row, column).GetString() == code)
            {
                return row;
            }
        }
    }

    private static MemoryStream Written(Core.Frameworks.Definitions.FrameworkDefinition definition)
    {
        var stream = new MemoryStream();
        FrameworkWorkbook.Write(definition, stream);
        stream.Position = 0;
        return stream;
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
