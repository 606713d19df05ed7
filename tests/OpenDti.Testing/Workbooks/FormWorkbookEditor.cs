using ClosedXML.Excel;

namespace OpenDti.Testing.Workbooks;

/// <summary>
/// Changes a downloaded form workbook as a person would in Excel: finds the value cell of an input (through the
/// workbook's own identity sheet, as a person finds it by its row) and sets it.
/// </summary>
public sealed class FormWorkbookEditor : IDisposable
{
    private readonly XLWorkbook _workbook;

    /// <summary>Opens <paramref name="bytes"/>.</summary>
    public FormWorkbookEditor(byte[] bytes) => _workbook = new XLWorkbook(new MemoryStream(bytes));

    /// <summary>The value cell of <paramref name="indicator"/>'s <paramref name="input"/>: its sheet, address and the cell.</summary>
    public (string Sheet, string Address, IXLCell Cell) Find(string indicator, string input)
    {
        var identity = _workbook.Worksheet("opendti");
        for (var row = 8; !identity.Cell(row, 1).IsEmpty(); row++)
        {
            if (identity.Cell(row, 3).GetString() == indicator && identity.Cell(row, 4).GetString() == input)
            {
                var sheet = identity.Cell(row, 1).GetString();
                var address = identity.Cell(row, 2).GetString();
                return (sheet, address, _workbook.Worksheet(sheet).Cell(address));
            }
        }

        throw new InvalidOperationException($"{indicator}/{input} is not in the workbook");
    }

    /// <summary>Sets the value cell of <paramref name="indicator"/>'s <paramref name="input"/> to <paramref name="value"/> (a number, a text; null clears it).</summary>
    public FormWorkbookEditor Set(string indicator, string input, object? value)
    {
        var cell = Find(indicator, input).Cell;
        switch (value)
        {
            case null:
                cell.Clear(XLClearOptions.Contents);
                break;
            case string text:
                cell.SetValue(text);
                break;
            default:
                cell.Value = value;
                break;
        }

        return this;
    }

    /// <summary>The workbook as saved by Excel; once per editor (ClosedXML 0.95 cannot save a loaded workbook twice).</summary>
    public byte[] Save()
    {
        using var output = new MemoryStream();
        _workbook.SaveAs(output);
        return output.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _workbook.Dispose();
}
