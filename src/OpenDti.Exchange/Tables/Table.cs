namespace OpenDti.Exchange.Tables;

/// <summary>What a column holds, and so how a cell is written: text, or a number with its format.</summary>
public enum ColumnKind
{
    /// <summary>Text, never read as a number, a date or a formula.</summary>
    Text,

    /// <summary>A whole number (<see cref="int"/> or <see cref="long"/>).</summary>
    Integer,

    /// <summary>A decimal number with <see cref="TableColumn.Decimals"/> places.</summary>
    Decimal,

    /// <summary>A share from 0 to 1 shown as a percentage with <see cref="TableColumn.Decimals"/> places.</summary>
    Percent,

    /// <summary>A day (<see cref="DateOnly"/>).</summary>
    Date,

    /// <summary>A moment in Vietnam's time (<see cref="DateTime"/>), to the minute.</summary>
    DateTime,
}

/// <summary>A column of a table.</summary>
/// <param name="Header">Its header, in the reader's language.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Decimals">Places after the decimal separator (decimal and percent columns).</param>
/// <param name="Width">Its width in the spreadsheet, in characters (set by hand: measuring text needs GDI+).</param>
public sealed record TableColumn(string Header, ColumnKind Kind, int Decimals = 0, double Width = 12)
{
    /// <summary>A text column.</summary>
    public static TableColumn Text(string header, double width = 20) => new(header, ColumnKind.Text, 0, width);

    /// <summary>A whole-number column.</summary>
    public static TableColumn Integer(string header, double width = 10) => new(header, ColumnKind.Integer, 0, width);

    /// <summary>A decimal column with <paramref name="decimals"/> places.</summary>
    public static TableColumn Decimal(string header, int decimals = 2, double width = 12) => new(header, ColumnKind.Decimal, decimals, width);

    /// <summary>A percentage column (values from 0 to 1).</summary>
    public static TableColumn Percent(string header, int decimals = 2, double width = 12) => new(header, ColumnKind.Percent, decimals, width);

    /// <summary>A day column.</summary>
    public static TableColumn Date(string header, double width = 12) => new(header, ColumnKind.Date, 0, width);

    /// <summary>A moment column (Vietnam's time).</summary>
    public static TableColumn Moment(string header, double width = 17) => new(header, ColumnKind.DateTime, 0, width);
}

/// <summary>
/// A table to hand out as a spreadsheet or CSV: a title (what and which period), a subtitle (the day of
/// export and anything else the reader should know), typed columns and rows. A cell is null (empty) or
/// of its column's type: <see cref="string"/>, <see cref="int"/> or <see cref="long"/>, <see cref="decimal"/>,
/// <see cref="DateOnly"/>, <see cref="DateTime"/>.
/// </summary>
/// <param name="Title">What the table is, with the period ("Xếp hạng — Kỳ đánh giá DTI 2025").</param>
/// <param name="Subtitle">The day of export and the like ("Xuất ngày 06/12/2026").</param>
/// <param name="SheetName">The worksheet's name (at most 31 characters, none of <c>: \ / ? * [ ]</c>).</param>
/// <param name="FileName">The file's name without extension, in the reader's language ("Xếp hạng DTI 2025").</param>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows, each with one cell per column.</param>
public sealed record Table(
    string Title, string Subtitle, string SheetName, string FileName, IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Whether a text would be read as a formula by a spreadsheet: it starts with = + - @, a tab or a carriage return.</summary>
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Checks that every row has one cell per column, each of its column's type; throws otherwise (a programming error).</summary>
    public void Validate()
    {
        for (var r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            if (row.Count != Columns.Count)
            {
                throw new InvalidOperationException($"Row {r} of table '{SheetName}' has {row.Count} cells for {Columns.Count} columns.");
            }

            for (var c = 0; c < row.Count; c++)
            {
                var ok = row[c] is null || Columns[c].Kind switch
                {
                    ColumnKind.Text => row[c] is string,
                    ColumnKind.Integer => row[c] is int or long,
                    ColumnKind.Decimal or ColumnKind.Percent => row[c] is decimal or int or long,
                    ColumnKind.Date => row[c] is DateOnly,
                    ColumnKind.DateTime => row[c] is System.DateTime,
                    _ => false,
                };
                if (!ok)
                {
                    throw new InvalidOperationException($"Cell {r},{c} of table '{SheetName}' holds {row[c]!.GetType().Name} in a {Columns[c].Kind} column.");
                }
            }
        }
    }
}
