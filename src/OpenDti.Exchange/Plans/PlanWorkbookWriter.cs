using ClosedXML.Excel;
using OpenDti.Exchange.Tables;

namespace OpenDti.Exchange.Plans;

/// <summary>
/// Writes a <see cref="PlanSheet"/> as an Excel workbook of one sheet: the title block (the appendix, its title,
/// whose plan and which period, the framework, the day), the seed's headings on row <see cref="HeaderRow"/>
/// (frozen, repeated on every printed page), each section's heading as a merged row, then a row per node —
/// main indices and groups in bold. Texts wrap; widths are set by hand (never measured: that needs GDI+); the
/// sheet prints on A4 landscape, one page wide. Every text is a text cell, never a formula.
/// </summary>
public static class PlanWorkbookWriter
{
    /// <summary>The row of the headings (1-based).</summary>
    public const int HeaderRow = 6;

    /// <summary>The sheet's name.</summary>
    public const string SheetName = "Kế hoạch";

    /// <summary>Writes <paramref name="sheet"/> to <paramref name="stream"/> (left open).</summary>
    public static void Write(PlanSheet sheet, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(stream);
        using var workbook = new XLWorkbook();
        var ws = workbook.Worksheets.Add(SheetName);
        var columns = sheet.Columns.Count;

        Title(ws, 1, sheet.Kind, bold: true, size: 13);
        Title(ws, 2, sheet.Title, bold: true, size: 13);
        for (var i = 0; i < sheet.Lines.Count && i < HeaderRow - 3; i++)
        {
            Title(ws, 3 + i, sheet.Lines[i], bold: false, size: 11);
            ws.Cell(3 + i, 1).Style.Font.Italic = true;
        }

        for (var c = 0; c < columns; c++)
        {
            Text(ws.Cell(HeaderRow, c + 1), sheet.Columns[c].Header);
            ws.Column(c + 1).Width = sheet.Columns[c].Width;
        }

        var headers = ws.Range(HeaderRow, 1, HeaderRow, columns);
        headers.Style.Font.Bold = true;
        headers.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
        headers.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        var row = HeaderRow + 1;
        foreach (var block in sheet.Blocks)
        {
            if (block.Heading is { } heading)
            {
                Text(ws.Cell(row, 1), heading);
                var merged = ws.Range(row, 1, row, columns).Merge();
                merged.Style.Font.Bold = true;
                merged.Style.Fill.BackgroundColor = XLColor.FromHtml("#F2F2F2");

                // A merged row does not grow with its text: give it room for two lines.
                ws.Row(row).Height = 30;
                row++;
            }

            foreach (var line in block.Rows)
            {
                for (var c = 0; c < columns && c < line.Cells.Count; c++)
                {
                    var cell = ws.Cell(row, c + 1);
                    if (line.Cells[c].Number is { } number)
                    {
                        cell.SetValue(number);
                    }
                    else if (line.Cells[c].Text.Length > 0)
                    {
                        Text(cell, line.Cells[c].Text);
                    }
                }

                if (line.Strong)
                {
                    ws.Range(row, 1, row, columns).Style.Font.Bold = true;
                }

                row++;
            }
        }

        var table = ws.Range(HeaderRow, 1, Math.Max(HeaderRow, row - 1), columns);
        table.Style.Alignment.WrapText = true;
        table.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        table.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        table.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;

        ws.SheetView.Freeze(HeaderRow, 0);
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(HeaderRow, HeaderRow);
        ws.PageSetup.Margins.Left = 0.5;
        ws.PageSetup.Margins.Right = 0.4;
        workbook.SaveAs(stream);
    }

    /// <summary>The workbook's bytes.</summary>
    public static byte[] ToBytes(PlanSheet sheet)
    {
        using var stream = new MemoryStream();
        Write(sheet, stream);
        return stream.ToArray();
    }

    private static void Title(IXLWorksheet ws, int row, string text, bool bold, double size)
    {
        var cell = ws.Cell(row, 1);
        Text(cell, text);
        cell.Style.Font.Bold = bold;
        cell.Style.Font.FontSize = size;
    }

    /// <summary>A text cell: never a number, a date or a formula, whatever the text looks like.</summary>
    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (Table.LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }
}
