using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Exchange.Frameworks;

namespace OpenDti.Application.Demo;

/// <summary>
/// The province's department framework of 2025 and its crosswalk from the 2022 one (issue 17, point 5): a new edition
/// in which some indicators are renamed or renumbered, two are merged, one is split, one is dropped and one is added,
/// its confirmed crosswalk, and a period "Đánh giá DTI các sở, ban, ngành năm 2025" on it, so that the departments'
/// trends, their change against 2024 and their plan baselines run across the change of framework.
/// </summary>
/// <remarks>
/// Data of the demo, not a built-in framework: the edition is the 2022 definition copied and changed here, imported as
/// an administrator would import it. Seeded last, with a chance of its own (<c>new Random(2026)</c>), so that every
/// earlier period, its id and its figures stay as they were. Each department reports about what it reported in 2024,
/// a little better on the whole, as a year of work on the plan gives.
/// </remarks>
internal static class DemoDepartments2025
{
    /// <summary>The older edition.</summary>
    public const string From = "dti-department-2022";

    /// <summary>The 2025 edition's code.</summary>
    public const string Framework = "dti-department-2025";

    /// <summary>The year assessed.</summary>
    public const int Year = 2025;

    /// <summary>The period's name.</summary>
    public const string PeriodName = "Đánh giá DTI các sở, ban, ngành năm 2025";

    /// <summary>The seed of this part's chance.</summary>
    public const int Seed = 2026;

    /// <summary>1.3's new name (renamed, same code).</summary>
    public const string Renamed13 = "Tổ chức hội nghị, hội thảo, tập huấn về chuyển đổi số cho cán bộ, công chức, viên chức của sở, ban, ngành";

    /// <summary>Main index 5's new name (renamed, same code).</summary>
    public const string Renamed5 = "An toàn, an ninh mạng";

    /// <summary>The crosswalk from the 2022 edition, besides the nodes that stay the same.</summary>
    public static IReadOnlyList<CrosswalkLinkInput> Changes { get; } =
    [
        new("1.3", "1.3", "renamed"),
        new("2.2", "2.2", "merged"),
        new("2.3", "2.2", "merged"),
        new("3.6", "3.6", "split"),
        new("3.6", "3.7", "split"),
        new("3.7", "3.8", "renamed"),
        new("5", "5", "renamed"),
        new("5.8", null, "dropped"),
        new(null, "5.11", "new"),
    ];

    /// <summary>The 2025 edition: the 2022 definition with the changes of <see cref="Changes"/>.</summary>
    public static FrameworkDefinition Edition(Framework older)
    {
        ArgumentNullException.ThrowIfNull(older);
        var definition = older.Definition.Clone();
        definition.Code = Framework;
        definition.Year = Year;
        definition.Name = "Bộ chỉ số đánh giá chuyển đổi số cấp sở, ban, ngành năm 2025";
        definition.Description = "Phiên bản năm 2025 của bộ chỉ số cấp sở, ban, ngành (dữ liệu mẫu): đổi tên chỉ số 1.3 và chỉ số chính 5; "
            + "gộp 2.2 và 2.3 thành 2.2; tách 3.6 thành 3.6 và 3.7 (Trung ương, tỉnh); 3.7 cũ đánh số lại thành 3.8; bỏ 5.8; thêm 5.11.\n"
            + (definition.Description ?? string.Empty);
        NodeDefinition Node(string code) => definition.FindNode(code) ?? throw new InvalidOperationException($"{From} has no node {code}.");
        NodeDefinition Parent(string code) => definition.AllNodes().Single(n => n.Children.Any(c => c.Code == code));

        Node("1.3").Name = Renamed13;
        Node("5").Name = Renamed5;

        // 2.2 and 2.3 merged: the five-year plan and the annual plan as one indicator, 60 points.
        var fiveYear = Node("2.2");
        var annual = Node("2.3");
        fiveYear.Name = "Kế hoạch hành động 5 năm và kế hoạch hằng năm của sở, ban, ngành về chuyển đổi số";
        fiveYear.MaxPoints = 60;
        fiveYear.Inputs[0].Name = "ke_hoach_5_nam";
        var annualInput = annual.Inputs[0].Clone();
        annualInput.Name = "ke_hoach_hang_nam";
        fiveYear.Inputs.Add(annualInput);
        fiveYear.Rule = "2/3 * ke_hoach_5_nam + 1/3 * ke_hoach_hang_nam";
        fiveYear.Requirement = "Ban hành kế hoạch 5 năm (2/3 số điểm) và kế hoạch năm (1/3 số điểm)";
        Parent("2.3").Children.Remove(annual);

        // 3.6 split: the sector systems the ministries run and those the province runs, 10 points each; 3.7 becomes 3.8.
        var indices3 = Parent("3.6");
        var systems = Node("3.6");
        var central = systems.Clone();
        central.Name = "Mức độ triển khai các hệ thống thông tin chuyên ngành do bộ, ngành Trung ương triển khai";
        central.MaxPoints = 10;
        var provincial = systems.Clone();
        provincial.Code = "3.7";
        provincial.Name = "Mức độ triển khai các hệ thống thông tin chuyên ngành do tỉnh triển khai";
        provincial.MaxPoints = 10;
        Node("3.7").Code = "3.8";
        var at = indices3.Children.IndexOf(systems);
        indices3.Children[at] = central;
        indices3.Children.Insert(at + 1, provincial);

        // 5.8 dropped, 5.11 added with its 7 provisional points.
        var security = Parent("5.8");
        var dropped = Node("5.8");
        var added = Node("4.4").Clone();
        added.Code = "5.11";
        added.Name = "Tỷ lệ cán bộ, công chức, viên chức được phổ biến, tập huấn kỹ năng an toàn thông tin cơ bản";
        added.MaxPoints = 7;
        added.Provisional = dropped.Provisional;
        added.ProvisionalNote = dropped.ProvisionalNote;
        security.Children.Remove(dropped);
        security.Children.Add(added);
        return definition;
    }

    /// <summary>Every line of the crosswalk: <see cref="Changes"/>, and every other node the same.</summary>
    public static IReadOnlyList<CrosswalkLinkInput> Crosswalk(Framework older, Framework newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var changedFrom = Changes.Where(c => c.From is not null).Select(c => c.From!).ToHashSet(StringComparer.Ordinal);
        var changedTo = Changes.Where(c => c.To is not null).Select(c => c.To!).ToHashSet(StringComparer.Ordinal);
        var same = older.Nodes.Where(n => !changedFrom.Contains(n.Code.Value) && newer.FindNode(n.Code.Value) is not null && !changedTo.Contains(n.Code.Value))
            .Select(n => new CrosswalkLinkInput(n.Code.Value, n.Code.Value, "same"));
        return [.. same, .. Changes];
    }

    /// <summary>
    /// Imports the 2025 edition, confirms its crosswalk, opens the 2025 period over the departments and has each report.
    /// Nothing happens when the 2022 framework or its 2024 period is missing.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider provider, Actor actor, CancellationToken ct)
    {
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        var catalog = provider.GetRequiredService<FrameworkCatalog>();
        var periods = provider.GetRequiredService<PeriodService>();
        var values = provider.GetRequiredService<ValueService>();
        var units = provider.GetRequiredService<UnitDirectory>();
        var results = provider.GetRequiredService<ResultService>();
        var older = (await catalog.GetAsync(From, ct)).Value;
        var lastYear = await db.Periods.AsNoTracking()
            .Where(p => p.Year == Year - 1 && p.Framework!.Code == From)
            .OrderByDescending(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (older is null || lastYear is null)
        {
            return;
        }

        Check(await catalog.ImportAsync(actor, FrameworkYamlWriter.Write(Edition(older)), Framework + ".yaml", ct), "import");
        var newer = (await catalog.GetAsync(Framework, ct)).Value!;
        Check(await provider.GetRequiredService<CrosswalkService>().SaveAsync(actor, From, Framework, Crosswalk(older, newer), 0, ct), "crosswalk");

        // Each department's general information of 2025: its 2024 figures.
        var (scores, _) = await results.ScoreAsync(lastYear.Value, ct);
        var members = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == lastYear.Value)
            .Select(u => new { u.UnitId, u.UnitCode }).ToListAsync(ct);
        foreach (var member in members)
        {
            var profile = await db.UnitProfileValues.AsNoTracking()
                .Where(p => p.UnitId == member.UnitId && p.Year == Year - 1)
                .ToDictionaryAsync(p => p.Key, p => p.Value, ct);
            if (profile.Count > 0)
            {
                Check(await units.SetProfileAsync(actor, member.UnitCode, Year, profile, "Dữ liệu mẫu", ct), member.UnitCode);
            }
        }

        db.ChangeTracker.Clear();
        var created = await periods.CreateAsync(actor, Framework, Year, PeriodName, new DateOnly(Year, 11, 1), new DateOnly(Year, 12, 20), cancellationToken: ct);
        var period = created.Value ?? throw new InvalidOperationException($"The demo's {Year} department period was refused: {created.Message}");
        Check(await periods.SetStatusAsync(actor, period.Id, PeriodStatus.Open, ct), "open");
        var cohort = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == period.Id)
            .Select(u => new { u.UnitId, u.UnitCode }).ToListAsync(ct);
        var random = new DemoRandom(Seed);
        var generator = new DemoValueGenerator(random);
        foreach (var member in cohort.OrderBy(m => m.UnitCode, StringComparer.Ordinal))
        {
            var profile = await db.UnitProfileValues.AsNoTracking()
                .Where(p => p.UnitId == member.UnitId && p.Year == Year)
                .ToDictionaryAsync(p => p.Key, p => p.Value, ct);

            // About where the department stood in 2024, a little better: a year of work on its plan.
            var before = scores.Find(member.UnitCode) is { } then && then.Submitted ? then.Total / newer.TotalPoints : random.Between(0.4m, 0.7m);
            var quality = Math.Clamp(before + random.Between(-0.02m, 0.1m), 0.2m, 0.95m);
            var changes = generator.Generate(newer.Leaves, quality, profile);
            var saved = await values.SaveAsync(actor, period.Id, member.UnitCode, changes, AuditChannel.Seed, "Dữ liệu mẫu", cancellationToken: ct);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo values of {member.UnitCode} for {Framework} were refused: " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator}/{p.Input}: {p.Message}")));
            }

            db.ChangeTracker.Clear();
        }
    }

    private static void Check<T>(Outcome<T> outcome, string what)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo step of {Framework} refused for {what}: {outcome.Message} " + string.Join("; ", outcome.Problems.Select(p => p.Message.ToString())));
        }
    }
}
