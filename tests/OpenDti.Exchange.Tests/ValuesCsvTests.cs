using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Values;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Exchange.Tests;

/// <summary>Data files: every bad row is reported with its line; no partial result.</summary>
public class ValuesCsvTests
{
    private static readonly Framework Example =
        FrameworkLoader.Load(TestFrameworks.RepositoryFile("samples/frameworks/example.yaml"), "example.yaml").Framework!;

    private static ValuesReadResult Read(string csv) => ValuesCsvReader.Read(new StringReader(csv), Example, "values.csv");

    [Fact]
    public void Sample_ReadsThreeUnits()
    {
        var result = Read(TestFrameworks.RepositoryFile("samples/example/values.csv"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["SO-A", "SO-B", "SO-C"], result.Units.Select(u => u.UnitCode));
        Assert.False(result.Units[2].HasAnyValue);
    }

    [Fact]
    public void Values_OfEveryKind_AreRead()
    {
        var result = Read("""
            unit,indicator,input,value
            X,1.1,truong_ban,cap_pho
            X,1.2,co_chuyen_muc,Có
            X,1.2,a,15
            X,2.3.2,a,"1.234,5"
            X,3.1,a,35%
            X,profile,civil_servants,60
            """);

        Assert.Empty(result.Diagnostics);
        var unit = result.Units[0];
        Assert.Equal("cap_pho", unit.Get(Example.FindInput("1.1", "truong_ban")!)!.Value.Option);
        Assert.True(unit.Get(Example.FindInput("1.2", "co_chuyen_muc")!)!.Value.Answer);
        Assert.Equal(15m, unit.Get(Example.FindInput("1.2", "a")!)!.Value.Number);
        Assert.Equal(1234.5m, unit.Get(Example.FindInput("2.3.2", "a")!)!.Value.Number);
        Assert.Equal(0.35m, unit.Get(Example.FindInput("3.1", "a")!)!.Value.Number);
        Assert.Equal(60m, unit.ProfileOf(Example.FindProfileField("civil_servants")!).Number);
    }

    [Fact]
    public void EveryBadRow_IsReportedWithItsLine_AndNothingIsReturned()
    {
        var result = Read("""
            unit,indicator,input,value
            X,1.3,a,1
            X,9.9,a,1
            X,1.3,z,1
            X,1.2,co_chuyen_muc,có lẽ
            X,1.3,b,1.234,5
            X,1.3,b,"1.234"
            X,1.3,a,2
            X,1,a,2
            ,1.3,a,1
            X,profile,dan_so,5
            """);

        Assert.Empty(result.Units);
        Assert.Equal(
            [
                "values.csv:3: lỗi DTI6003: chỉ số 9.9: không có chỉ số `9.9` trong bộ chỉ số vi-du-2024",
                "values.csv:4: lỗi DTI6004: chỉ số 1.3: chỉ số 1.3 không có đầu vào `z`; có: a, b",
                "values.csv:5: lỗi DTI4002: chỉ số 1.2, trường `co_chuyen_muc`: `có lẽ` không phải câu trả lời có/không; dùng có, không, yes, no, true, false, 1 hoặc 0",
                "values.csv:6: lỗi DTI6002: dòng có 5 cột, cần 4",
                "values.csv:7: lỗi DTI4008: chỉ số 1.3, trường `b`: `1.234` chưa rõ nghĩa: viết 1234 nếu là số nguyên, hoặc 1.2340 nếu `.` là dấu thập phân",
                "values.csv:8: lỗi DTI6006: chỉ số 1.3: giá trị này đã được khai ở dòng 2",
                "values.csv:9: lỗi DTI6011: chỉ số 1: `1` là nút có nút con; chỉ khai giá trị cho chỉ số lá",
                "values.csv:10: lỗi DTI6007: chỉ số 1.3: thiếu mã đơn vị",
                "values.csv:11: lỗi DTI6005: trường `profile.dan_so`: không có thông tin chung `dan_so`; có: civil_servants, public_employees",
            ],
            result.Diagnostics.Select(d => d.ToLine()));
    }

    [Fact]
    public void WrongHeader_IsReportedOnItsLine()
    {
        var diagnostic = Assert.Single(Read("# a comment\nunit,code,value\nX,1.3,1\n").Diagnostics);

        Assert.Equal(
            "values.csv:2: lỗi DTI6001: dòng tiêu đề phải là `unit,indicator,input,value`, nhưng là `unit,code,value`",
            diagnostic.ToLine());
    }

    [Fact]
    public void SemicolonSeparatedFiles_FromVietnameseSpreadsheets_AreRead()
    {
        var result = Read("unit;indicator;input;value\nX;1.3;a;1,5\nX;1.3;b;3\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(1.5m, result.Units[0].Get(Example.FindInput("1.3", "a")!)!.Value.Number);
    }

    [Fact]
    public void QuotedCells_KeepDelimitersQuotesAndLineBreaks()
    {
        var result = Read("unit,indicator,input,value\n\"X,1\",1.3,a,2\n# a comment between records\n\n\"Y \"\"B\"\"\",1.3,a,1\n\"Z\nW\",1.3,a,\"3\"\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["X,1", "Y \"B\"", "Z\nW"], result.Units.Select(u => u.UnitCode));
        Assert.Equal(3m, result.Units[2].Get(Example.FindInput("1.3", "a")!)!.Value.Number);
    }

    [Fact]
    public void ALineBreakInsideQuotes_CountsInTheLinesOfTheRowsAfterIt()
    {
        var result = Read("unit,indicator,input,value\n\"Z\nW\",1.3,a,1\n\n\"Z\nW\",9.9,a,1\n");

        Assert.Equal(["values.csv:5: lỗi DTI6003: chỉ số 9.9: không có chỉ số `9.9` trong bộ chỉ số vi-du-2024"], result.Diagnostics.Select(d => d.ToLine()));
    }

    [Fact]
    public void UnclosedQuote_IsAnErrorOnTheLineItOpens()
    {
        var result = Read("unit,indicator,input,value\nX,1.3,a,1\nX,1.3,b,\"3\nX,1.2,a,1\n");

        Assert.Empty(result.Units);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(3, error.Location.Line);
        Assert.Equal(DiagnosticCodes.CsvSyntax, error.Code);
        Assert.Contains("unclosed quote", error.ToLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void TabSeparatedFiles_AreRead_AndATabInsideQuotesIsKept()
    {
        var result = Read("# exported\nunit\tindicator\tinput\tvalue\nX\t1.3\ta\t1\n\"X\tY\"\t1.3\ta\t2\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["X", "X\tY"], result.Units.Select(u => u.UnitCode));
    }

    [Fact]
    public void AFile_IsReadLineByLine_NeverWhole()
    {
        var csv = "unit,indicator,input,value\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"U{i},1.3,a,1\nU{i},1.3,b,2\n"));
        using var reader = new LineOnlyReader(csv);

        var result = ValuesCsvReader.Read(reader, Example, "values.csv");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(500, result.Units.Count);
    }

    /// <summary>A reader that refuses to give its text whole, as a 100 MB file should never be taken.</summary>
    private sealed class LineOnlyReader(string text) : StringReader(text)
    {
        public override string ReadToEnd() => throw new InvalidOperationException("read whole");

        public override int Read(char[] buffer, int index, int count) => throw new InvalidOperationException("read in blocks");
    }

    [Fact]
    public void EmptyValue_MeansNotReported()
    {
        var result = Read("unit,indicator,input,value\nX,1.3,a,\nX,1.3,b,2\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(1, result.Units[0].AnsweredCount);
    }

    [Fact]
    public void OutOfRangeValue_IsReported()
    {
        var diagnostic = Assert.Single(Read("unit,indicator,input,value\nX,1.2,a,-1\n").Diagnostics);

        Assert.Equal(DiagnosticCodes.BelowMin, diagnostic.Code);
        Assert.Equal(2, diagnostic.Location.Line);
    }

    [Fact]
    public void EmptyFile_IsReported() =>
        Assert.Equal(DiagnosticCodes.CsvEmpty, Assert.Single(Read("\n# nothing\n").Diagnostics).Code);

    [Fact]
    public void HeaderWithoutDataRows_IsReported()
    {
        var diagnostic = Assert.Single(Read("# values\nunit,indicator,input,value\n\n# nothing yet\n").Diagnostics);

        Assert.Equal("values.csv:2: lỗi DTI6009: tệp không có dòng dữ liệu nào", diagnostic.ToLine());
    }

    [Fact]
    public void InvalidUtf8_IsAnErrorNamingTheLine_NotReplacedCharacters()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("unit,indicator,input,value\nX,1.3,a,1\nSở A,1.3,b,")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(System.Text.Encoding.UTF8.GetBytes("\n"))
            .ToArray();

        var result = ValuesCsvReader.Read(bytes, Example, "values.csv");

        Assert.Empty(result.Units);
        Assert.Equal(
            "values.csv:3:12: lỗi DTI6012: dòng này không phải văn bản UTF-8 hợp lệ (byte 0xC3 ở cột 12); hãy lưu lại tệp với mã hóa UTF-8",
            Assert.Single(result.Diagnostics).ToLine());
    }

    [Fact]
    public void Utf8WithAByteOrderMark_IsRead()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("unit,indicator,input,value\nSở A,1.3,a,1\n")).ToArray();

        var result = ValuesCsvReader.Read(bytes, Example, "values.csv");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("Sở A", Assert.Single(result.Units).UnitCode);
    }

    [Fact]
    public void PartAboveItsWhole_IsALocatedError_AndAMissingWholeIsNot()
    {
        var result = Read("unit,indicator,input,value\nX,3.4,a,100\nX,3.4,b,120\nX,3.4,c,30\nY,3.4,b,120\n");

        Assert.Empty(result.Units);
        Assert.Equal(
            "values.csv:3: lỗi DTI4012: chỉ số 3.4, trường `b`: “b = Tổng số hồ sơ giải quyết trực tuyến của DVCTT một phần” = 120 lớn hơn "
            + "“a = Tổng số hồ sơ giải quyết thủ tục hành chính trong năm” = 100: phần không thể lớn hơn tổng của nó",
            Assert.Single(result.Diagnostics).ToLine());
    }

    [Fact]
    public void ProfileCount_RefusesFractionsAndFiguresBelowItsMinimum_AndReadsThousands()
    {
        var bad = Read("unit,indicator,input,value\nX,profile,civil_servants,\"1,5\"\nX,profile,public_employees,-3\nY,profile,civil_servants,0\n");
        var good = Read("unit,indicator,input,value\nX,profile,civil_servants,1.234\n");

        Assert.Equal([DiagnosticCodes.NotWhole, DiagnosticCodes.BelowMin, DiagnosticCodes.BelowMin], bad.Diagnostics.Select(d => d.Code));
        Assert.Equal([2, 3, 4], bad.Diagnostics.Select(d => d.Location.Line!.Value));
        Assert.Equal(1234m, good.Units[0].ProfileOf(Example.FindProfileField("civil_servants")!).Number);
    }

    [Fact]
    public void HugeCell_IsQuotedAsAnExcerpt()
    {
        var huge = new string('9', 100_000);

        var diagnostics = Read($"unit,indicator,input,value\nX,{huge},a,1\nX,3.1,a,{huge}\n").Diagnostics;

        Assert.Equal([DiagnosticCodes.CsvUnknownIndicator, DiagnosticCodes.NumberTooLarge], diagnostics.Select(d => d.Code));
        Assert.All(diagnostics, d => Assert.True(d.ToLine().Length < 300, d.ToLine()));
    }

    [Fact]
    public void References_AreRead_ForCohortIndicatorsOnly()
    {
        var good = ReferenceCsvReader.Read(new StringReader("indicator,label,measure\n3.2,Cao nhất cả nước,\"91,85%\"\n"), Example, "ref.csv");
        var bad = ReferenceCsvReader.Read(new StringReader("indicator,label,measure\n1.3,Sai,0.5\n3.1,Sai,x\n"), Example, "ref.csv");

        Assert.Equal(0.9185m, Assert.Single(good.References).Measure);
        Assert.Empty(bad.References);
        Assert.Equal([DiagnosticCodes.CsvReferenceNotCohort, DiagnosticCodes.NotANumber], bad.Diagnostics.Select(d => d.Code));
        Assert.Equal([2, 3], bad.Diagnostics.Select(d => d.Location.Line!.Value));
    }
}
