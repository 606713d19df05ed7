using System.Text;
using OpenDti.Core.Diagnostics;
using OpenDti.Exchange.Plans;
using Xunit;

namespace OpenDti.Exchange.Tests.Plans;

/// <summary>Last year's results as CSV (unit,indicator,points,measure): rows with their lines, or every problem with its line and no row.</summary>
public class BaselineCsvTests
{
    [Fact]
    public void Rows_AreReadWithTheirLines_CommaOrSemicolon_QuotedNumbers_AndAnEmptyMeasure()
    {
        var comma = BaselineCsv.Read("""
            unit,indicator,points,measure
            # a comment
            SO-A,1.1,20,Có

            SO-A, 3.2 ,"12,5","62,5%"
            SO-B,1.1,0,
            """);
        var semicolon = BaselineCsv.Read(Encoding.UTF8.GetBytes("\uFEFFUnit;Indicator;Points;Measure\r\nSO-A;3.2;12,5;62,5%\r\n"));

        Assert.True(comma.Succeeded);
        Assert.Equal(
            [new BaselineCsvRow(3, "SO-A", "1.1", "20", "Có"), new BaselineCsvRow(5, "SO-A", "3.2", "12,5", "62,5%"), new BaselineCsvRow(6, "SO-B", "1.1", "0", string.Empty)],
            comma.Rows);
        Assert.Equal([new BaselineCsvRow(2, "SO-A", "3.2", "12,5", "62,5%")], semicolon.Rows);
    }

    [Theory]
    [InlineData("unit,indicator,input,value\nSO-A,1.1,a,1\n", DiagnosticCodes.CsvHeader, 1)]
    [InlineData("unit,indicator,points,measure\nSO-A,1.1,20\n", DiagnosticCodes.CsvColumnCount, 2)]
    [InlineData("unit,indicator,points,measure\n", DiagnosticCodes.CsvEmpty, 1)]
    [InlineData("", DiagnosticCodes.CsvEmpty, 1)]
    [InlineData("unit,indicator,points,measure\nSO-A,1.1,\"20,Có\n", DiagnosticCodes.CsvSyntax, 2)]
    public void AFileOfAnotherShape_IsRefusedWithItsLine_AndNoRow(string text, string code, int line)
    {
        var read = BaselineCsv.Read(text, "ket-qua.csv");

        Assert.False(read.Succeeded);
        Assert.Empty(read.Rows);
        var error = read.Diagnostics.First(d => d.IsError);
        Assert.Equal((code, line, "ket-qua.csv"), (error.Code, error.Location.Line, error.Location.File));
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreRefusedWithTheirLine()
    {
        var bytes = Encoding.UTF8.GetBytes("unit,indicator,points,measure\nSO-A,1.1,20,").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var read = BaselineCsv.Read(bytes);

        Assert.False(read.Succeeded);
        Assert.Equal(2, read.Diagnostics.Single(d => d.IsError).Location.Line);
    }
}
