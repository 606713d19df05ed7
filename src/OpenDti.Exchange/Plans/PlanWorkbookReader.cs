using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using OpenDti.Core.Text;

namespace OpenDti.Exchange.Plans;

/// <summary>A node a plan table may name: its code and name.</summary>
/// <param name="Code">The code ("1.2").</param>
/// <param name="Name">The name.</param>
public sealed record PlanNodeRef(string Code, string Name);

/// <summary>A unit a plan table may name: its code and name.</summary>
/// <param name="Code">The code.</param>
/// <param name="Name">The name.</param>
public sealed record PlanUnitRef(string Code, string Name);

/// <summary>What a plan table is read against: the framework's nodes and the units a plan may name.</summary>
/// <param name="Nodes">The nodes.</param>
/// <param name="Units">The units.</param>
public sealed record PlanTableContext(IReadOnlyList<PlanNodeRef> Nodes, IReadOnlyList<PlanUnitRef> Units);

/// <summary>
/// A row of a plan table read back: where it is, the node, the section it was under (seed 001) and the fields
/// the table carries (<see cref="PlanTableRead.Fields"/>; an empty cell is null). Units are given by code.
/// </summary>
/// <param name="Sheet">The sheet.</param>
/// <param name="Row">The row (1-based).</param>
/// <param name="Indicator">The node's code.</param>
/// <param name="Section">The section it was under, when a section heading said maintain or push.</param>
/// <param name="GuidingBody">Cơ quan hướng dẫn.</param>
/// <param name="LeadUnit">The lead unit's code.</param>
/// <param name="CoordinatingUnits">The coordinating units' codes.</param>
/// <param name="Target">Mục tiêu.</param>
/// <param name="Deadline">Thời gian hoàn thành, as text (a date cell as dd/MM/yyyy).</param>
/// <param name="Note">Ghi chú.</param>
/// <param name="Cells">The cell of each field, for messages.</param>
public sealed record PlanReadRow(
    string Sheet,
    int Row,
    string Indicator,
    PlanSection? Section,
    string? GuidingBody,
    string? LeadUnit,
    IReadOnlyList<string> CoordinatingUnits,
    string? Target,
    string? Deadline,
    string? Note,
    IReadOnlyDictionary<PlanField, string> Cells);

/// <summary>A problem of a plan table, located: the sheet, cell and row, and the indicator when known.</summary>
/// <param name="Sheet">The sheet, when known.</param>
/// <param name="Cell">The cell, when known.</param>
/// <param name="Row">The row, when known.</param>
/// <param name="Indicator">The indicator, when known.</param>
/// <param name="Code">A stable code (DTI71xx).</param>
/// <param name="Message">What is wrong.</param>
public sealed record PlanReadProblem(string? Sheet, string? Cell, int? Row, string? Indicator, string Code, ILocalizable Message);

/// <summary>What <see cref="PlanWorkbookReader"/> found.</summary>
/// <param name="Layout">The layout recognised by its headings, or null when no table was found.</param>
/// <param name="Fields">The plan fields its columns carry.</param>
/// <param name="Rows">Every row that names a node.</param>
/// <param name="Problems">Every problem, located.</param>
public sealed record PlanTableRead(PlanLayout? Layout, PlanField Fields, IReadOnlyList<PlanReadRow> Rows, IReadOnlyList<PlanReadProblem> Problems);

/// <summary>The codes of the plan tables' problems.</summary>
public static class PlanTableCodes
{
    /// <summary>Not a readable workbook.</summary>
    public const string Unreadable = "DTI7001";

    /// <summary>No header row of a plan table.</summary>
    public const string NoHeader = "DTI7101";

    /// <summary>No node with that code or name.</summary>
    public const string UnknownIndicator = "DTI7102";

    /// <summary>A name several nodes have.</summary>
    public const string AmbiguousIndicator = "DTI7103";

    /// <summary>No unit with that name or code.</summary>
    public const string UnknownUnit = "DTI7104";

    /// <summary>Several lead units in one cell.</summary>
    public const string SeveralLeads = "DTI7105";

    /// <summary>A node on two rows.</summary>
    public const string Duplicate = "DTI7106";

    /// <summary>A formula or an error value.</summary>
    public const string CellUnreadable = "DTI7107";

    /// <summary>A name several units have.</summary>
    public const string AmbiguousUnit = "DTI7108";

    /// <summary>A row under a section that says otherwise than the plan's maintain or push.</summary>
    public const string SectionMismatch = "DTI7109";

    /// <summary>More rows than a plan has.</summary>
    public const string TooManyRows = "DTI7110";
}

/// <summary>
/// Reads a plan back from a workbook in any of the seeds' layouts (<see cref="PlanLayout"/>), whether written by
/// <see cref="PlanWorkbookWriter"/> or typed after a seed: the header row is found by its headings (title rows
/// above it, repeated headers and seed 001's section headings are skipped, and a table of other headings such as
/// seed 001's "Thông tin chung" is passed over); a node is matched by the code at the start of the first column
/// (or of the name) or by its name; units by name or code, several in a cell separated by ";" or line breaks
/// (or "," when every part is a unit). Never throws on bad content: each problem comes back with its place.
/// </summary>
public static partial class PlanWorkbookReader
{
    /// <summary>The most rows read from a sheet.</summary>
    public const int MaxRows = 5000;

    /// <summary>The most columns looked at.</summary>
    private const int MaxColumns = 30;

    /// <summary>Reads <paramref name="input"/> against <paramref name="context"/>.</summary>
    public static PlanTableRead Read(Stream input, PlanTableContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(input);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ClosedXML and the packaging layer throw many types on a file that is not a workbook: all mean the same here.
            return Failed(PlanTableCodes.Unreadable, new PlanMessage("ProblemUnreadable"));
        }

        using (workbook)
        {
            try
            {
                return new Reading(context).Read(workbook);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Failed(PlanTableCodes.Unreadable, new PlanMessage("ProblemUnreadable"));
            }
        }
    }

    /// <summary>
    /// A text as names are compared: trimmed, bullets and final punctuation removed, spaces collapsed, lower case,
    /// and the tone marks of each word moved to its end, so that the old and new ways of placing them
    /// ("hoá" and "hóa", "Thuỷ" and "Thủy") compare equal.
    /// </summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = Bullet().Replace(text.Trim(), string.Empty).TrimEnd('.', ';', ':', ',', ' ');
        var decomposed = Spaces().Replace(trimmed, " ").ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        var tones = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323')
            {
                tones.Append(c);
            }
            else if (c == ' ')
            {
                key.Append(tones).Append(c);
                tones.Clear();
            }
            else
            {
                key.Append(c);
            }
        }

        return key.Append(tones).ToString().Normalize(NormalizationForm.FormC);
    }

    private static PlanTableRead Failed(string code, ILocalizable message) =>
        new(null, PlanField.None, [], [new PlanReadProblem(null, null, null, null, code, message)]);

    [GeneratedRegex(@"^([-+•*–]\s*)+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>A code at the start of a text: "1.2", "1.2.", "8.8.3.4 Tên …".</summary>
    [GeneratedRegex(@"^(\d+(?:\.\d+)*)\.?(?:\s|$)")]
    private static partial Regex LeadingCode();

    /// <summary>A number of order: "1", "12." (seed 001's STT).</summary>
    [GeneratedRegex(@"^\d+\.?$")]
    private static partial Regex OrderNumber();

    /// <summary>A Roman numeral alone: seed 001's main index rows.</summary>
    [GeneratedRegex(@"^[IVXLC]+\.?$")]
    private static partial Regex RomanAlone();

    /// <summary>A section heading: "II. CÁC CHỈ TIÊU …".</summary>
    [GeneratedRegex(@"^[IVXLC]+\.\s+\S")]
    private static partial Regex SectionHeading();

    /// <summary>The reading of one workbook.</summary>
    private sealed class Reading(PlanTableContext context)
    {
        private readonly Dictionary<string, PlanNodeRef> _byCode = context.Nodes.GroupBy(n => n.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        private readonly ILookup<string, PlanNodeRef> _byName = context.Nodes.ToLookup(n => Key(n.Name), StringComparer.Ordinal);
        private readonly Dictionary<string, PlanUnitRef> _unitByCode = context.Units.GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        private readonly ILookup<string, PlanUnitRef> _unitByName = context.Units.ToLookup(u => Key(u.Name), StringComparer.Ordinal);
        private readonly List<PlanReadRow> _rows = [];
        private readonly List<PlanReadProblem> _problems = [];
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
        private PlanLayout? _layout;
        private PlanField _fields;

        public PlanTableRead Read(XLWorkbook workbook)
        {
            foreach (var sheet in workbook.Worksheets.Where(s => s.Visibility == XLWorksheetVisibility.Visible))
            {
                ReadSheet(sheet);
            }

            if (_layout is null && _problems.Count == 0)
            {
                _problems.Add(new PlanReadProblem(null, null, null, null, PlanTableCodes.NoHeader, new PlanMessage("ProblemNoHeader")));
            }

            return new PlanTableRead(_layout, _fields, _rows, _problems);
        }

        private void ReadSheet(IXLWorksheet sheet)
        {
            var last = Math.Min(sheet.LastRowUsed()?.RowNumber() ?? 0, MaxRows + 50);
            if ((sheet.LastRowUsed()?.RowNumber() ?? 0) > MaxRows + 50)
            {
                _problems.Add(new PlanReadProblem(sheet.Name, null, null, null, PlanTableCodes.TooManyRows, new PlanMessage("ProblemTooManyRows", sheet.Name, MaxRows)));
                return;
            }

            Header? header = null;
            PlanSection? section = null;
            for (var r = 1; r <= last; r++)
            {
                var texts = new string[MaxColumns];
                var formulas = new bool[MaxColumns];
                for (var c = 0; c < MaxColumns; c++)
                {
                    (texts[c], formulas[c]) = TextOf(sheet.Cell(r, c + 1));
                }

                if (texts.All(t => t.Length == 0) && !formulas.Any(f => f))
                {
                    continue;
                }

                if (Header.Recognise(texts) is { } found)
                {
                    header = found;
                    _layout ??= found.Layout;
                    _fields |= found.Fields;
                    continue;
                }

                var first = texts[0];
                if (SectionHeading().IsMatch(first) && texts.Skip(1).All(t => t.Length == 0))
                {
                    var key = Key(first);
                    section = key.Contains(Key("đẩy mạnh"), StringComparison.Ordinal) || key.Contains("push", StringComparison.Ordinal) ? PlanSection.Push
                        : key.Contains(Key("duy trì"), StringComparison.Ordinal) || key.Contains("maintain", StringComparison.Ordinal) ? PlanSection.Maintain
                        : null;
                    continue;
                }

                if (header is null || Header.LooksLikeOther(texts))
                {
                    // Before the first table, or a table of other headings (seed 001's "Thông tin chung"): not plan rows.
                    header = Header.LooksLikeOther(texts) ? null : header;
                    continue;
                }

                ReadRow(sheet, r, texts, formulas, header, section);
            }
        }

        private void ReadRow(IXLWorksheet sheet, int r, string[] texts, bool[] formulas, Header header, PlanSection? section)
        {
            string At(int column) => sheet.Cell(r, column + 1).Address.ToStringRelative(false);
            var first = texts[header.CodeColumn];
            var name = texts[header.NameColumn];

            // Seed 001's main index rows (I, II … and the name) head the nodes under them.
            if (RomanAlone().IsMatch(first) && header.Layout == PlanLayout.Seed001)
            {
                return;
            }

            for (var c = 0; c < MaxColumns; c++)
            {
                if (formulas[c] && header.FieldOf(c) != PlanField.None)
                {
                    _problems.Add(new PlanReadProblem(sheet.Name, At(c), r, null, PlanTableCodes.CellUnreadable, new PlanMessage("ProblemCellUnreadable", r)));
                    return;
                }
            }

            if (first.Length == 0 && name.Length == 0)
            {
                _problems.Add(new PlanReadProblem(sheet.Name, At(header.CodeColumn), r, null, PlanTableCodes.UnknownIndicator, new PlanMessage("ProblemNoIndicator", r)));
                return;
            }

            var node = FindNode(sheet, r, first, name, header, At(header.CodeColumn));
            if (node is null)
            {
                return;
            }

            if (_seen.TryGetValue(node.Code, out var before))
            {
                _problems.Add(new PlanReadProblem(sheet.Name, At(header.CodeColumn), r, node.Code, PlanTableCodes.Duplicate, new PlanMessage("ProblemDuplicate", r, node.Code, before)));
                return;
            }

            _seen[node.Code] = r;
            var count = _problems.Count;
            var cells = new Dictionary<PlanField, string>();
            string? Field(PlanField field)
            {
                if (header.ColumnOf(field) is not { } column)
                {
                    return null;
                }

                cells[field] = At(column);
                return texts[column].Length == 0 ? null : texts[column];
            }

            var guiding = Field(PlanField.GuidingBody);
            var target = Field(PlanField.Target);
            var deadline = Field(PlanField.Deadline);
            var note = Field(PlanField.Note);
            var leadText = Field(PlanField.LeadUnit);
            var coordinatingText = Field(PlanField.CoordinatingUnits);

            string? lead = null;
            if (leadText is not null)
            {
                var units = Units(sheet, r, node.Code, leadText, cells[PlanField.LeadUnit], "ColumnLead");
                if (units.Count > 1)
                {
                    _problems.Add(new PlanReadProblem(sheet.Name, cells[PlanField.LeadUnit], r, node.Code, PlanTableCodes.SeveralLeads, new PlanMessage("ProblemSeveralLeads", r, Excerpt.Of(leadText, 120), units.Count)));
                }
                else if (units.Count == 1)
                {
                    lead = units[0];
                }
            }

            var coordinating = coordinatingText is null ? [] : Units(sheet, r, node.Code, coordinatingText, cells[PlanField.CoordinatingUnits], "ColumnCoordinating");
            if (_problems.Count > count)
            {
                return;
            }

            _rows.Add(new PlanReadRow(sheet.Name, r, node.Code, section, guiding, lead, coordinating, target, deadline, note, cells));
        }

        private PlanNodeRef? FindNode(IXLWorksheet sheet, int r, string first, string name, Header header, string cell)
        {
            // The code at the start of the first column (002, 004, and OpenDti's 001) or of the name; a number of
            // order in seed 001's first column is not a code.
            var orderNumber = header.Layout == PlanLayout.Seed001 && OrderNumber().IsMatch(first);
            foreach (var text in orderNumber ? [name] : new[] { first, name })
            {
                var match = LeadingCode().Match(text);
                if (!match.Success)
                {
                    continue;
                }

                if (_byCode.TryGetValue(match.Groups[1].Value, out var node))
                {
                    return node;
                }

                if (text == first)
                {
                    _problems.Add(new PlanReadProblem(sheet.Name, cell, r, null, PlanTableCodes.UnknownIndicator, new PlanMessage("ProblemUnknownIndicator", r, Excerpt.Of(text, 120))));
                    return null;
                }
            }

            var named = name.Length == 0 ? [] : _byName[Key(name)].ToArray();
            if (named.Length == 1)
            {
                return named[0];
            }

            if (named.Length > 1)
            {
                _problems.Add(new PlanReadProblem(sheet.Name, cell, r, null, PlanTableCodes.AmbiguousIndicator, new PlanMessage("ProblemAmbiguousIndicator", r, Excerpt.Of(name, 120), new TextList(named.Select(n => n.Code)))));
                return null;
            }

            _problems.Add(new PlanReadProblem(sheet.Name, cell, r, null, PlanTableCodes.UnknownIndicator, new PlanMessage("ProblemUnknownIndicator", r, Excerpt.Of(name.Length > 0 ? name : first, 120))));
            return null;
        }

        /// <summary>The units a cell names, by code; a problem for each part that is no unit.</summary>
        private List<string> Units(IXLWorksheet sheet, int r, string indicator, string text, string cell, string column)
        {
            var codes = new List<string>();
            foreach (var piece in text.Split(['\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var part = Bullet().Replace(piece, string.Empty).Trim().TrimEnd('.', ',', ';');
                if (part.Length == 0)
                {
                    continue;
                }

                var (unit, ambiguous) = Unit(part);
                if (unit is not null)
                {
                    Add(unit.Code);
                    continue;
                }

                // "Sở Tài chính, Sở Thông tin và Truyền thông" or "- Sở Nội vụ - Sở …": taken apart when every part is a unit.
                var parts = SplitEither(part, ",") ?? SplitEither(piece.TrimStart().StartsWith('-') ? piece : string.Empty, " - ");
                if (parts is not null)
                {
                    parts.ForEach(Add);
                    continue;
                }

                _problems.Add(ambiguous.Length > 1
                    ? new PlanReadProblem(sheet.Name, cell, r, indicator, PlanTableCodes.AmbiguousUnit, new PlanMessage("ProblemAmbiguousUnit", r, Excerpt.Of(part, 120), new TextList(ambiguous)))
                    : new PlanReadProblem(sheet.Name, cell, r, indicator, PlanTableCodes.UnknownUnit, new PlanMessage("ProblemUnknownUnit", r, Excerpt.Of(part, 120), new PlanMessage(column))));
            }

            return codes;

            void Add(string code)
            {
                if (!codes.Contains(code, StringComparer.Ordinal))
                {
                    codes.Add(code);
                }
            }
        }

        private List<string>? SplitEither(string text, string separator)
        {
            var parts = text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => Bullet().Replace(p, string.Empty).Trim())
                .Where(p => p.Length > 0)
                .ToArray();
            if (parts.Length < 2)
            {
                return null;
            }

            var units = parts.Select(p => Unit(p).Unit).ToArray();
            return units.All(u => u is not null) ? units.Select(u => u!.Code).ToList() : null;
        }

        private (PlanUnitRef? Unit, string[] Ambiguous) Unit(string text)
        {
            if (_unitByCode.TryGetValue(text.Trim(), out var byCode))
            {
                return (byCode, []);
            }

            var named = _unitByName[Key(text)].ToArray();
            return named.Length == 1 ? (named[0], []) : (null, named.Select(u => u.Code).ToArray());
        }
    }

    /// <summary>The cell's content as text (a date as dd/MM/yyyy, a number as Vietnamese writes it), and whether it is a formula.</summary>
    private static (string Text, bool Formula) TextOf(IXLCell cell)
    {
        if (cell.HasFormula)
        {
            return (string.Empty, true);
        }

        if (cell.IsEmpty())
        {
            return (string.Empty, false);
        }

        switch (cell.DataType)
        {
            case XLDataType.DateTime:
                return (cell.GetDateTime().ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture), false);
            case XLDataType.Number:
                var number = cell.GetDouble();
                if (Math.Abs(number) >= 7.9e27 || double.IsNaN(number))
                {
                    return (number.ToString("R", CultureInfo.InvariantCulture), false);
                }

                var value = (decimal)number;
                return cell.Style.NumberFormat.Format.Contains('%', StringComparison.Ordinal)
                    ? (NumberText.Number(value * 100m, Language.Vietnamese, 2) + "%", false)
                    : (NumberText.Number(value, Language.Vietnamese, 4), false);
            case XLDataType.Boolean:
                return (cell.GetBoolean() ? "Có" : "Không", false);
            default:
                var text = cell.GetString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
                return (text, false);
        }
    }

    /// <summary>A header row: which column is the code, the name and each plan field, and the layout its headings make.</summary>
    private sealed class Header
    {
        private readonly Dictionary<PlanField, int> _columns = [];

        public int CodeColumn { get; private init; }

        public int NameColumn { get; private init; }

        public PlanLayout Layout { get; private init; }

        public PlanField Fields => _columns.Keys.Aggregate(PlanField.None, (all, f) => all | f);

        public int? ColumnOf(PlanField field) => _columns.TryGetValue(field, out var c) ? c : null;

        public PlanField FieldOf(int column) => _columns.FirstOrDefault(p => p.Value == column).Key;

        /// <summary>The header row's columns, when <paramref name="texts"/> is one: a name column and a lead column at least.</summary>
        public static Header? Recognise(string[] texts)
        {
            int? name = null, code = null;
            var columns = new Dictionary<PlanField, int>();
            for (var c = 0; c < texts.Length; c++)
            {
                var key = Key(texts[c]);
                if (key.Length == 0)
                {
                    continue;
                }

                if (Matches(key, NameHeadings))
                {
                    name ??= c;
                }
                else if (Matches(key, CodeHeadings))
                {
                    code ??= c;
                }
                else if (Matches(key, GuidingHeadings))
                {
                    columns.TryAdd(PlanField.GuidingBody, c);
                }
                else if (Matches(key, LeadHeadings))
                {
                    columns.TryAdd(PlanField.LeadUnit, c);
                }
                else if (Matches(key, CoordinatingHeadings))
                {
                    columns.TryAdd(PlanField.CoordinatingUnits, c);
                }
                else if (Matches(key, TargetHeadings))
                {
                    columns.TryAdd(PlanField.Target, c);
                }
                else if (Matches(key, DeadlineHeadings))
                {
                    columns.TryAdd(PlanField.Deadline, c);
                }
                else if (NoteHeadings.Contains(key, StringComparer.Ordinal))
                {
                    columns.TryAdd(PlanField.Note, c);
                }
            }

            if (name is null || !columns.ContainsKey(PlanField.LeadUnit))
            {
                return null;
            }

            var header = new Header
            {
                NameColumn = name.Value,
                CodeColumn = code ?? Math.Max(0, name.Value - 1),
                Layout = columns.ContainsKey(PlanField.GuidingBody) ? PlanLayout.Seed001 : columns.ContainsKey(PlanField.Target) ? PlanLayout.Seed004 : PlanLayout.Seed002,
            };
            foreach (var (field, column) in columns)
            {
                header._columns[field] = column;
            }

            return header;
        }

        /// <summary>Whether the row heads a table that is not a plan's (seed 001's "STT | Thông tin chung | …").</summary>
        public static bool LooksLikeOther(string[] texts) =>
            Matches(Key(texts[0]), CodeHeadings) && texts.Skip(1).Any(t => t.Length > 0) && Recognise(texts) is null
            && !LeadingCode().IsMatch(texts[0]);

        private static bool Matches(string key, string[] headings) => headings.Any(h => key == h || key.StartsWith(h + " ", StringComparison.Ordinal));

        // The seeds' headings (and OpenDti's English ones), compared by Key: the whole heading, or its first words.
        private static readonly string[] NameHeadings = Keys("Nội dung chỉ tiêu", "Chỉ số chính/Chỉ số thành phần", "Chỉ số chính / Chỉ số thành phần", "Tên chỉ số", "Tên chỉ tiêu", "Indicator", "Content of the indicator", "Main index/component indicator");
        private static readonly string[] CodeHeadings = Keys("STT", "Stt", "Số thứ tự", "TT", "Tiêu chí", "Mã chỉ số", "Mã", "No.", "Criterion", "Code");
        private static readonly string[] GuidingHeadings = Keys("Cơ quan hướng dẫn", "Guiding body");
        private static readonly string[] LeadHeadings = Keys("Cơ quan chủ trì thực hiện", "Cơ quan chủ trì", "Cơ quan phụ trách tiêu chí", "Cơ quan phụ trách", "Đơn vị chủ trì tham mưu/theo dõi", "Đơn vị chủ trì", "Lead unit", "Body in charge", "Lead body");
        private static readonly string[] CoordinatingHeadings = Keys("Cơ quan phối hợp thực hiện", "Cơ quan phối hợp", "Đơn vị phối hợp", "Coordinating units", "Coordinating bodies", "Coordinating body");
        private static readonly string[] TargetHeadings = Keys("Mục tiêu", "Target");
        private static readonly string[] DeadlineHeadings = Keys("Thời gian hoàn thành", "Thời hạn hoàn thành", "Thời hạn", "Deadline", "Time of completion");

        // Only "Ghi chú" itself: seed 002's "Ghi chú về quy định xác định, tính điểm" is the scoring rule, not a note.
        private static readonly string[] NoteHeadings = Keys("Ghi chú", "Note", "Notes");

        private static string[] Keys(params string[] headings) => headings.Select(Key).ToArray();
    }
}
