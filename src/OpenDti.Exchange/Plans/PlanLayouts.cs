using OpenDti.Core.Text;

namespace OpenDti.Exchange.Plans;

/// <summary>
/// Lays a plan out as one of the seeds' tables (<see cref="PlanLayout"/>), with the seed's column headings: the
/// same <see cref="PlanSheet"/> is written as a workbook (<see cref="PlanWorkbookWriter"/>) and as a printed
/// page, so that what is printed is what is downloaded.
/// </summary>
public static class PlanLayouts
{
    /// <summary>The separator between unit names in one cell (seed 001 writes "…; UBND các xã, thị trấn").</summary>
    public const string UnitSeparator = "; ";

    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"];

    /// <summary>Reads a layout's name as the routes take it: "001", "002", "004" (or "1", "2", "4"); null when none.</summary>
    public static PlanLayout? Parse(string? text) => text?.Trim() switch
    {
        "001" or "1" => PlanLayout.Seed001,
        "002" or "2" => PlanLayout.Seed002,
        "004" or "4" => PlanLayout.Seed004,
        _ => null,
    };

    /// <summary>The layout's name as the routes write it ("004").</summary>
    public static string Name(PlanLayout layout) => ((int)layout).ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The main index's number in seed 001's first column: I, II, … .</summary>
    public static string RomanNumeral(int number) => number >= 1 && number <= Roman.Length ? Roman[number - 1] : number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The columns of <paramref name="layout"/> in <paramref name="language"/>, for a plan of year <paramref name="year"/>.</summary>
    public static IReadOnlyList<PlanColumn> Columns(PlanLayout layout, int year, Language language)
    {
        string T(string key, params object?[] args) => PlanText.Format(language, key, args);
        return layout switch
        {
            PlanLayout.Seed001 =>
            [
                new(T("HeaderNumber"), 8, 7),
                new(T("HeaderContent"), 48, 31),
                new(T("HeaderRequirement"), 18, 12),
                new(T("HeaderGuidingBody"), 24, 15, PlanField.GuidingBody),
                new(T("HeaderLeadDo"), 26, 17, PlanField.LeadUnit),
                new(T("HeaderCoordinatingDo"), 30, 18, PlanField.CoordinatingUnits),
            ],
            PlanLayout.Seed002 =>
            [
                new(T("HeaderCriterion"), 8, 6),
                new(T("HeaderIndicator"), 48, 28),
                new(T("HeaderMaxPoints"), 10, 7),
                new(T("HeaderInCharge"), 26, 16, PlanField.LeadUnit),
                new(T("HeaderCoordinating"), 30, 17, PlanField.CoordinatingUnits),
                new(T("HeaderDeadline"), 16, 11, PlanField.Deadline),
                new(T("HeaderNote"), 30, 15, PlanField.Note),
            ],
            _ =>
            [
                new(T("HeaderNumberUpper"), 8, 5),
                new(T("HeaderIndicator"), 40, 20),
                new(T("HeaderGuidance"), 36, 18),
                new(T("HeaderLastYear", year - 1), 18, 10),
                new(T("HeaderTarget"), 24, 12, PlanField.Target),
                new(T("HeaderDeadline"), 16, 9, PlanField.Deadline),
                new(T("HeaderLeadFollow"), 26, 13, PlanField.LeadUnit),
                new(T("HeaderCoordinatingUnit"), 28, 13, PlanField.CoordinatingUnits),
            ],
        };
    }

    /// <summary>Lays <paramref name="table"/> out as <paramref name="layout"/> in <paramref name="language"/>.</summary>
    public static PlanSheet Lay(PlanTable table, PlanLayout layout, Language language)
    {
        ArgumentNullException.ThrowIfNull(table);
        string T(string key, params object?[] args) => PlanText.Format(language, key, args);
        var columns = Columns(layout, table.Year, language);
        var lines = new[]
        {
            T("TitleWhose", table.UnitName, table.PeriodName),
            T("TitleFramework", table.FrameworkName),
            T("TitleMadeOn", table.MadeOn.ToString("dd'/'MM'/'yyyy", System.Globalization.CultureInfo.InvariantCulture)),
        };
        var kind = layout == PlanLayout.Seed004 ? T("KindAppendix2") : T("KindAppendix");
        var title = layout switch
        {
            PlanLayout.Seed001 => T("Title001", table.Year),
            PlanLayout.Seed002 => T("Title002", table.Year),
            _ => T("Title004"),
        };

        if (layout != PlanLayout.Seed001)
        {
            var rows = table.Rows.Select(row => Row(row, layout, language)).ToArray();
            return new PlanSheet(layout, kind, title, lines, columns, [new PlanSheetBlock(null, rows)]);
        }

        // Seed 001: section II (maintain), section III (push), and the nodes of unknown result after them;
        // under each, a main index's Roman numeral and name, then its nodes of that section.
        var blocks = new List<PlanSheetBlock>();
        foreach (var (section, heading) in new (PlanSection?, string)[]
                 {
                     (PlanSection.Maintain, T("Section001Maintain", table.Year - 1, table.Year)),
                     (PlanSection.Push, T("Section001Push", table.Year - 1, table.Year)),
                     (null, T("Section001Unknown", table.Year - 1)),
                 })
        {
            var rows = new List<PlanSheetRow>();
            var mainIndex = 0;
            PlanTableRow? pending = null;
            foreach (var row in table.Rows)
            {
                if (row.Depth == 0)
                {
                    mainIndex++;
                    pending = row;
                    continue;
                }

                if (row.Section != section)
                {
                    continue;
                }

                if (pending is not null)
                {
                    rows.Add(new PlanSheetRow([RomanNumeral(mainIndex), pending.Name, PlanCell.Empty, PlanCell.Empty, PlanCell.Empty, PlanCell.Empty], true, null));
                    pending = null;
                }

                rows.Add(Row(row, layout, language));
            }

            if (rows.Count > 0 || section is not null)
            {
                blocks.Add(new PlanSheetBlock(heading, rows));
            }
        }

        return new PlanSheet(layout, kind, title, lines, columns, blocks);
    }

    private static PlanSheetRow Row(PlanTableRow row, PlanLayout layout, Language language)
    {
        var coordinating = string.Join(UnitSeparator, row.CoordinatingUnits);
        PlanCell[] cells = layout switch
        {
            PlanLayout.Seed001 => [row.Code, row.Name, row.Requirement, row.GuidingBody, row.LeadUnit, coordinating],
            PlanLayout.Seed002 => [row.Code, row.Name, new PlanCell(NumberText.Number(row.MaxPoints, language, 2), row.MaxPoints), row.LeadUnit, coordinating, row.Deadline, row.Note],
            _ => [row.Code, row.Name, row.Guidance ?? row.Requirement, LastYear(row, language), row.Target, row.Deadline, row.LeadUnit, coordinating],
        };
        return new PlanSheetRow(cells, row.Branch, row.Code);
    }

    /// <summary>Last year's result as seed 004's column writes it: "8,93/20 điểm (35,72%)"; empty when unknown.</summary>
    private static string LastYear(PlanTableRow row, Language language)
    {
        if (row.LastYearPoints is not { } points)
        {
            return string.Empty;
        }

        var text = PlanText.Format(language, "LastYearPoints", NumberText.Number(points, language, 2), NumberText.Number(row.MaxPoints, language, 2));
        return string.IsNullOrWhiteSpace(row.LastYearMeasure) ? text : $"{text} ({row.LastYearMeasure})";
    }
}
