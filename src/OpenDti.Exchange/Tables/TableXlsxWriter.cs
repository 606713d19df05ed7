using ClosedXML.Excel;

namespace OpenDti.Exchange.Tables;

/// <summary>
/// Writes a <see cref="Table"/> as an Excel workbook of one sheet (docs/exchange.md): the title in row 1,
/// the subtitle (day of export) in row 2, the headers in row <see cref="HeaderRow"/>, then one row per
/// row of the table. Numbers are numeric cells with a format (<c>#,##0.00</c>, <c>0.00%</c>, which Excel
/// shows as 1.234,56 and 85,34% on a Vietnamese system), days are dates shown dd/MM/yyyy; text is
/// always a text cell, and one a spreadsheet would read as a formula also carries the quote prefix, so
/// nothing becomes a formula. Panes are frozen below the headers and beside the first
/// <see cref="FrozenColumns"/> columns, the headers carry an autofilter, widths are set by hand (measuring
/// text needs GDI+, which Linux lacks), and the sheet prints landscape, one page wide, headers repeated.
/// </summary>
public static class TableXlsxWriter
{
    /// <summary>The file's media type.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The row of the headers (1-based): after the title and the subtitle.</summary>
    public const int HeaderRow = 3;

    /// <summary>Columns frozen at the left (the row's identity: rank and code, or code and name).</summary>
    public const int FrozenColumns = 2;

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/> (left open).</summary>
    public static void Write(Stream stream, Table table)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(table);
        table.Validate();
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(table.SheetName));
        var columns = table.Columns.Count;

        Text(sheet.Cell(1, 1), table.Title);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        Text(sheet.Cell(2, 1), table.Subtitle);
        sheet.Cell(2, 1).Style.Font.Italic = true;

        for (var c = 0; c < columns; c++)
        {
            var column = table.Columns[c];
            var header = sheet.Cell(HeaderRow, c + 1);
            Text(header, column.Header);
            sheet.Column(c + 1).Width = column.Width;
        }

        var headers = sheet.Range(HeaderRow, 1, HeaderRow, Math.Max(columns, 1));
        headers.Style.Font.Bold = true;
        headers.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
        headers.Style.Alignment.WrapText = true;
        headers.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;

        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            for (var c = 0; c < columns; c++)
            {
                Write(sheet.Cell(HeaderRow + 1 + r, c + 1), table.Columns[c], row[c]);
            }
        }

        // One number format per column, set on the range rather than cell by cell.
        if (table.Rows.Count > 0)
        {
            for (var c = 0; c < columns; c++)
            {
                if (Format(table.Columns[c]) is { } format)
                {
                    sheet.Range(HeaderRow + 1, c + 1, HeaderRow + table.Rows.Count, c + 1).Style.NumberFormat.Format = format;
                }
            }
        }

        if (columns > 0)
        {
            sheet.Range(HeaderRow, 1, HeaderRow + table.Rows.Count, columns).SetAutoFilter();
            sheet.SheetView.Freeze(HeaderRow, Math.Min(FrozenColumns, columns));
        }

        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(HeaderRow, HeaderRow);
        workbook.SaveAs(stream);
    }

    /// <summary>The table as the bytes of an .xlsx file.</summary>
    public static byte[] ToBytes(Table table)
    {
        using var stream = new MemoryStream();
        Write(stream, table);
        return stream.ToArray();
    }

    /// <summary>The number format of a column, or null for text.</summary>
    public static string? Format(TableColumn column) => column.Kind switch
    {
        ColumnKind.Integer => "#,##0",
        ColumnKind.Decimal => column.Decimals > 0 ? "#,##0." + new string('0', column.Decimals) : "#,##0",
        ColumnKind.Percent => column.Decimals > 0 ? "0." + new string('0', column.Decimals) + "%" : "0%",
        ColumnKind.Date => "dd/mm/yyyy",
        ColumnKind.DateTime => "dd/mm/yyyy hh:mm",
        _ => null,
    };

    private static void Write(IXLCell cell, TableColumn column, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                Text(cell, text);
                break;
            case int or long:
                cell.SetValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case decimal number:
                cell.SetValue(Math.Round(number, column.Kind == ColumnKind.Percent ? column.Decimals + 2 : column.Decimals, MidpointRounding.AwayFromZero));
                break;
            case DateOnly day:
                cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
                break;
            case DateTime moment:
                cell.SetValue(moment);
                break;
            default:
                Text(cell, value.ToString() ?? string.Empty);
                break;
        }
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

    /// <summary>A valid sheet name: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => ch is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '-' : ch).ToArray()).Trim('\'');
        clean = clean.Length > 31 ? clean[..31] : clean;
        return clean.Length == 0 ? "Bang" : clean;
    }
}
