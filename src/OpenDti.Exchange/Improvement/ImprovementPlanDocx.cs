using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using OpenDti.Core.Text;
using OpenDti.Exchange.Documents;
using OpenDti.Exchange.Plans;

namespace OpenDti.Exchange.Improvement;

/// <summary>A main index's row of the results table (seed 002, section II).</summary>
/// <param name="Name">The main index's name.</param>
/// <param name="MaxPoints">Điểm chuẩn chỉ số.</param>
/// <param name="Points">Điểm đạt được.</param>
/// <param name="Rank">Xếp hạng từng chỉ số.</param>
public sealed record PlanStateRow(string Name, decimal MaxPoints, decimal Points, int Rank);

/// <summary>An indicator below full points (seed 002, section III): "đạt 2,5/10 điểm. Nguyên nhân: …".</summary>
/// <param name="Indicator">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Points">Its points.</param>
/// <param name="MaxPoints">Its max points.</param>
/// <param name="Measure">The measure achieved, as written ("35,74%"), when the rule measures one.</param>
/// <param name="FullPoints">The measure giving full points, as written ("80%").</param>
/// <param name="Cause">The cause, when written.</param>
/// <param name="Owner">The lead unit's name, when the plan names one.</param>
public sealed record PlanGapLine(string Indicator, string Name, decimal Points, decimal MaxPoints, string? Measure, string? FullPoints, string? Cause, string? Owner);

/// <summary>The gaps of a main index.</summary>
/// <param name="MainIndex">The main index's name.</param>
/// <param name="Lines">Its indicators below full points, most points lost first.</param>
public sealed record PlanGapGroup(string MainIndex, IReadOnlyList<PlanGapLine> Lines);

/// <summary>A task: an indicator below full points with what the plan says about it.</summary>
/// <param name="Indicator">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Points">Its points.</param>
/// <param name="MaxPoints">Its max points.</param>
/// <param name="Target">Mục tiêu.</param>
/// <param name="Deadline">Thời gian hoàn thành.</param>
/// <param name="Coordinating">The coordinating units' names.</param>
public sealed record PlanTask(string Indicator, string Name, decimal Points, decimal MaxPoints, string? Target, string? Deadline, IReadOnlyList<string> Coordinating);

/// <summary>The tasks of one lead unit (null: not assigned yet).</summary>
/// <param name="Owner">The lead unit's name, or null.</param>
/// <param name="Tasks">Its tasks, most points lost first.</param>
public sealed record PlanTaskGroup(string? Owner, IReadOnlyList<PlanTask> Tasks);

/// <summary>
/// A drafted "Kế hoạch nâng cao Chỉ số chuyển đổi số (DTI) năm N" (docs/improvement.md): the heading, the current
/// state (seed 002's section II), the gaps with their causes (section III), the tasks by lead unit, and the
/// assignment appendix (seed 004's Phụ lục 2, <see cref="PlanLayouts"/>).
/// </summary>
/// <param name="Heading">Who issues it, and the day.</param>
/// <param name="Signature">Who signs.</param>
/// <param name="Year">The plan's year N.</param>
/// <param name="UnitName">Whose DTI (the province, a district).</param>
/// <param name="PeriodName">The period the figures come from.</param>
/// <param name="FiguresOn">The day the figures are of.</param>
/// <param name="State">The main indices.</param>
/// <param name="Total">The total.</param>
/// <param name="MaxTotal">The framework's total points.</param>
/// <param name="Rank">The rank.</param>
/// <param name="Units">The units ranked.</param>
/// <param name="Gaps">The gaps by main index.</param>
/// <param name="Tasks">The tasks by lead unit.</param>
/// <param name="Appendix">The assignment appendix, when the period has a plan for the unit.</param>
public sealed record ImprovementPlan(
    DocumentHeading Heading,
    DocumentSignature Signature,
    int Year,
    string UnitName,
    string PeriodName,
    DateOnly FiguresOn,
    IReadOnlyList<PlanStateRow> State,
    decimal Total,
    decimal MaxTotal,
    int Rank,
    int Units,
    IReadOnlyList<PlanGapGroup> Gaps,
    IReadOnlyList<PlanTaskGroup> Tasks,
    PlanSheet? Appendix);

/// <summary>
/// Writes an <see cref="ImprovementPlan"/> as an editable Word document in the Vietnamese administrative layout
/// (Nghị định 30/2020/NĐ-CP): A4, margins 20 mm top and bottom, 30 mm left, 15 mm right, Times New Roman 14 pt
/// (13 pt in tables), the quốc hiệu and tiêu ngữ, headings I. II. III., the appendix on landscape pages.
/// </summary>
public static class ImprovementPlanDocx
{
    /// <summary>The media type of a .docx.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Font = "Times New Roman";
    private const int Body = 28; // half-points: 14 pt
    private const int Small = 26; // 13 pt
    private const uint PageWidth = 11906; // A4 in twentieths of a point
    private const uint PageHeight = 16838;

    /// <summary>The document's bytes.</summary>
    public static byte[] ToBytes(ImprovementPlan plan, Language language)
    {
        using var stream = new MemoryStream();
        Write(stream, plan, language);
        return stream.ToArray();
    }

    /// <summary>Writes the document to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ImprovementPlan plan, Language language)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string T(string key, params object?[] args) => ImprovementText.Format(language, key, args);
        string P(decimal value) => NumberText.Points(value, language);
        string N(decimal value) => NumberText.Number(value, language, 2); // "đạt 2,5/10 điểm", as seed 002 writes it

        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        AddStyles(main);
        var body = new DocumentFormat.OpenXml.Wordprocessing.Body();
        main.Document = new Document(body);

        // The heading: the issuing body on the left, the quốc hiệu and tiêu ngữ on the right; the number and the day under them.
        var heading = plan.Heading;
        var day = heading.Date;
        body.Append(Grid(
            [
                [Lines([(heading.IssuingAuthority.ToUpperInvariant(), false, false), (heading.IssuingBody.ToUpperInvariant(), true, false)], Small),
                 Lines([(OfficialDocumentWriter.Format(language, "DocumentRepublic"), true, false), (OfficialDocumentWriter.Format(language, "DocumentMotto"), true, false)], Small)],
                [Lines([(T("PlanNumber", heading.NumberPrefix), false, false)], Small),
                 Lines([(T("PlanDated", heading.Place, day.Day, day.Month, day.Year), false, true)], Small)],
            ],
            [38, 62]));
        body.Append(Text(string.Empty));
        body.Append(Text(T("PlanKind"), bold: true, center: true));
        body.Append(Text(T("PlanSubject", plan.Year), bold: true, center: true));
        body.Append(Text(string.Empty));
        body.Append(Text(T("PlanIntro", plan.UnitName, plan.PeriodName, plan.Year), indent: true));

        body.Append(Text(T("PlanPurposeHeading"), bold: true));
        body.Append(Text(T("PlanPurpose1"), indent: true));
        body.Append(Text(T("PlanPurpose2"), indent: true));

        // II: the results table as seed 002 writes it.
        body.Append(Text(T("PlanStateHeading", plan.Year), bold: true));
        body.Append(Text(
            T("PlanStateText", plan.PeriodName, plan.FiguresOn.ToString("dd'/'MM'/'yyyy", System.Globalization.CultureInfo.InvariantCulture), plan.UnitName, P(plan.Total), P(plan.MaxTotal), plan.Rank, plan.Units),
            indent: true));
        var rows = new List<IReadOnlyList<Cell>>
        {
            new[] { T("PlanStateNumber"), T("PlanStateMainIndex"), T("PlanStateMaxPoints"), T("PlanStatePoints"), T("PlanStateRank"), T("PlanStateOverall") }
                .Select(h => new Cell(h, Bold: true, Center: true)).ToArray(),
        };
        rows.AddRange(plan.State.Select((row, i) => (IReadOnlyList<Cell>)
        [
            new Cell((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Center: true),
            new Cell(row.Name),
            new Cell(P(row.MaxPoints), Right: true),
            new Cell(P(row.Points), Right: true),
            new Cell(row.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Center: true),
            new Cell(i == 0 ? $"{plan.Rank}/{plan.Units}" : string.Empty, Center: true),
        ]));
        rows.Add([new Cell(string.Empty), new Cell(T("PlanStateTotal"), Bold: true), new Cell(P(plan.MaxTotal), Bold: true, Right: true), new Cell(P(plan.Total), Bold: true, Right: true), new Cell(string.Empty), new Cell(string.Empty)]);
        body.Append(Table(rows, [7, 38, 14, 14, 14, 13], borders: true));

        // III: the gaps, by main index, with the cause and the owner.
        body.Append(Text(T("PlanGapsHeading"), bold: true));
        if (plan.Gaps.Count == 0)
        {
            body.Append(Text(T("PlanGapsNone"), indent: true));
        }

        for (var g = 0; g < plan.Gaps.Count; g++)
        {
            var group = plan.Gaps[g];
            body.Append(Text($"{g + 1}. {group.MainIndex}", bold: true));
            foreach (var line in group.Lines)
            {
                var sentence = T("PlanGap", line.Indicator, line.Name, N(line.Points), N(line.MaxPoints));
                if (line.Measure is { } measure && line.FullPoints is { } full)
                {
                    sentence += T("PlanGapMeasure", measure, full);
                }

                body.Append(Text(sentence + ".", indent: true));
                if (line.Cause is { } cause)
                {
                    body.Append(Text(T("PlanGapCause", cause), indent: true));
                }

                if (line.Owner is { } owner)
                {
                    body.Append(Text(T("PlanGapOwner", owner), indent: true, italic: true));
                }
            }
        }

        // IV: the tasks, by lead unit.
        body.Append(Text(T("PlanTasksHeading"), bold: true));
        if (plan.Tasks.Count == 0)
        {
            body.Append(Text(T("PlanTasksNone"), indent: true));
        }

        for (var g = 0; g < plan.Tasks.Count; g++)
        {
            var group = plan.Tasks[g];
            body.Append(Text(group.Owner is { } owner ? T("PlanTaskOwner", g + 1, owner) : T("PlanTaskUnassigned", g + 1), bold: true, indent: true));
            foreach (var task in group.Tasks)
            {
                var sentence = T("PlanTask", task.Indicator, task.Name, N(task.Points), N(task.MaxPoints));
                if (task.Target is { } target)
                {
                    sentence += T("PlanTaskTarget", target);
                }

                if (task.Coordinating.Count > 0)
                {
                    sentence += T("PlanTaskCoordinating", string.Join(PlanLayouts.UnitSeparator, task.Coordinating));
                }

                if (task.Deadline is { } deadline)
                {
                    sentence += T("PlanTaskDeadline", deadline);
                }

                body.Append(Text(sentence + ".", indent: true));
            }
        }

        body.Append(Text(T("PlanTasksClosing"), indent: true));

        // Nơi nhận on the left, the signature on the right.
        body.Append(Grid(
            [
                [Lines([(T("PlanRecipients"), true, true), (T("PlanRecipientAssigned"), false, false), (T("PlanRecipientArchive"), false, false)], 24),
                 Lines([(plan.Signature.Title.ToUpperInvariant(), true, false), (string.Empty, false, false), (string.Empty, false, false), (string.Empty, false, false), (plan.Signature.Name, true, false)], Body)],
            ],
            [45, 55]));

        // The portrait section ends here; the appendix follows on landscape pages.
        body.Append(new Paragraph(new ParagraphProperties(Section(landscape: false))));
        if (plan.Appendix is { } appendix)
        {
            body.Append(Text(appendix.Kind, bold: true, center: true));
            body.Append(Text(appendix.Title, bold: true, center: true));
            foreach (var line in appendix.Lines)
            {
                body.Append(Text(line, center: true, italic: true));
            }

            var head = appendix.Columns.Select(c => new Cell(c.Header, Bold: true, Center: true)).ToArray();
            foreach (var block in appendix.Blocks)
            {
                if (block.Heading is { } blockHeading)
                {
                    body.Append(Text(blockHeading, bold: true));
                }

                var table = new List<IReadOnlyList<Cell>> { head };
                table.AddRange(block.Rows.Select(r => (IReadOnlyList<Cell>)r.Cells.Select(c => new Cell(c.Text, Bold: r.Strong, Right: c.Number is not null)).ToArray()));
                body.Append(Table(table, appendix.Columns.Select(c => c.Percent).ToArray(), borders: true, landscape: true));
            }
        }
        else
        {
            body.Append(Text(T("PlanAppendixKind"), bold: true, center: true));
            body.Append(Text(T("PlanAppendixNone"), center: true, italic: true));
        }

        body.Append(Section(landscape: true));
        main.Document.Save();
    }

    private sealed record Cell(string Text, bool Bold = false, bool Center = false, bool Right = false);

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                    new FontSize { Val = Body.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new FontSizeComplexScript { Val = Body.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Before = "0", After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    private static SectionProperties Section(bool landscape) => new(
        landscape
            ? new PageSize { Width = PageHeight, Height = PageWidth, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = PageWidth, Height = PageHeight },
        landscape
            ? new PageMargin { Top = 1701, Bottom = 850, Left = 1134, Right = 1134, Header = 720, Footer = 720, Gutter = 0 }
            : new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 850, Header = 720, Footer = 720, Gutter = 0 });

    private static Paragraph Text(string text, bool bold = false, bool center = false, bool indent = false, bool italic = false, int size = Body)
    {
        // The schema's order: spacing, indentation, justification.
        var properties = new ParagraphProperties();
        if (indent)
        {
            properties.Append(new Indentation { FirstLine = "567" });
        }

        properties.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Both });

        return new Paragraph(properties, Run(text, bold, italic, size));
    }

    private static Run Run(string text, bool bold, bool italic, int size)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        var half = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        properties.Append(new FontSize { Val = half }, new FontSizeComplexScript { Val = half });
        return new Run(properties, new DocumentFormat.OpenXml.Wordprocessing.Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>A heading cell's lines, centred: (text, bold, italic).</summary>
    private static IReadOnlyList<Paragraph> Lines(IReadOnlyList<(string Text, bool Bold, bool Italic)> lines, int size) =>
        lines.Select(l => new Paragraph(
                new ParagraphProperties(new SpacingBetweenLines { After = "0" }, new Justification { Val = JustificationValues.Center }),
                Run(l.Text, l.Bold, l.Italic, size)))
            .ToArray();

    /// <summary>A table without borders laying paragraphs side by side (the heading, the signature).</summary>
    private static Table Grid(IReadOnlyList<IReadOnlyList<IReadOnlyList<Paragraph>>> rows, IReadOnlyList<int> percents)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(percents.Select(p => new GridColumn { Width = Width(p, false) })));
        foreach (var row in rows)
        {
            var tableRow = new TableRow();
            for (var c = 0; c < row.Count; c++)
            {
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = Width(percents[c], false), Type = TableWidthUnitValues.Dxa }));
                cell.Append(row[c]);
                tableRow.Append(cell);
            }

            table.Append(tableRow);
        }

        return table;
    }

    private static Table Table(IReadOnlyList<IReadOnlyList<Cell>> rows, IReadOnlyList<int> percents, bool borders, bool landscape = false)
    {
        // The schema's order: width, borders, layout.
        var properties = new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct });
        if (borders)
        {
            properties.Append(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }));
        }

        properties.Append(new TableLayout { Type = TableLayoutValues.Fixed });

        var table = new Table(properties);
        table.Append(new TableGrid(percents.Select(p => new GridColumn { Width = Width(p, landscape) })));
        for (var r = 0; r < rows.Count; r++)
        {
            var tableRow = new TableRow();
            if (r == 0)
            {
                // The header row repeats on every page.
                tableRow.Append(new TableRowProperties(new TableHeader()));
            }

            for (var c = 0; c < rows[r].Count; c++)
            {
                var cell = rows[r][c];
                var justification = cell.Center ? JustificationValues.Center : cell.Right ? JustificationValues.Right : JustificationValues.Left;
                tableRow.Append(new TableCell(
                    new TableCellProperties(new TableCellWidth { Width = Width(c < percents.Count ? percents[c] : 10, landscape), Type = TableWidthUnitValues.Dxa }),
                    new Paragraph(
                        new ParagraphProperties(new SpacingBetweenLines { After = "0" }, new Justification { Val = justification }),
                        Run(cell.Text, cell.Bold, false, Small))));
            }

            table.Append(tableRow);
        }

        return table;
    }

    /// <summary>A share of the text's width in twentieths of a point.</summary>
    private static string Width(int percent, bool landscape)
    {
        var text = landscape ? PageHeight - 1134 - 1134 : PageWidth - 1701 - 850;
        return (text * percent / 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the characters XML 1.0 cannot hold (a control character typed into a cause).</summary>
    private static string Clean(string text) =>
        text.Any(ch => ch < 0x20 && ch is not '\t' and not '\n' and not '\r' || ch is '\uFFFE' or '\uFFFF')
            ? new string(text.Where(ch => !(ch < 0x20 && ch is not '\t' and not '\n' and not '\r') && ch is not '\uFFFE' and not '\uFFFF').ToArray())
            : text;
}
