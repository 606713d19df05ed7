using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Periods;
using OpenDti.Application.Plans;
using OpenDti.Application.Units;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Units;

namespace OpenDti.Application.Demo;

/// <summary>A row of a demo plan: a node, its lead unit, coordinating units, target, deadline and guiding body.</summary>
/// <param name="Indicator">The node's code.</param>
/// <param name="Lead">The lead unit's code.</param>
/// <param name="Coordinating">The coordinating units' codes.</param>
/// <param name="Target">Mục tiêu.</param>
/// <param name="Deadline">Thời hạn: a day (dd/MM/yyyy) or a text.</param>
/// <param name="GuidingBody">Cơ quan hướng dẫn.</param>
internal sealed record DemoPlanRow(string Indicator, string Lead, string[] Coordinating, string Target, string Deadline, string GuidingBody = "Bộ Thông tin và Truyền thông");

/// <summary>
/// The demo province's plans (phân công), shaped like the seeds' appendices: the province's self-assessment
/// assigned to its departments as in seed 004 Phụ lục 2, and the first district's form with two offices that
/// contribute figures without being scored (a statistics office and a post office, as in seed 001), some
/// progress reported and some assignments overdue.
/// </summary>
internal static class DemoPlans
{
    /// <summary>The province's contributors: offices that supply figures and are never scored.</summary>
    public static IReadOnlyList<(string Code, string Name)> ProvinceContributors { get; } =
    [
        ("CUC-THONGKE", "Cục Thống kê tỉnh"),
        ("BUUDIEN-TINH", "Bưu điện tỉnh"),
    ];

    /// <summary>The first district's contributors (codes end with the district's code).</summary>
    public static IReadOnlyList<(string Prefix, string Name)> DistrictContributors { get; } =
    [
        ("CCTK", "Chi cục Thống kê"),
        ("BUUDIEN", "Bưu điện"),
    ];

    /// <summary>The province's self-assessment plan, after seed 004 Phụ lục 2 (lead and coordinating units, targets, deadlines as written there).</summary>
    public static IReadOnlyList<DemoPlanRow> Province { get; } =
    [
        new("1.1", "SO-TTTT", ["VP-UBND"], "Duy trì", "Hàng năm"),
        new("1.2", "VP-UBND", ["SO-TTTT"], "Chủ tịch UBND tỉnh tham dự các cuộc họp của UBQG", "Theo yêu cầu của Trung ương"),
        new("1.3", "VP-UBND", ["SO-TTTT"], "Chủ tịch UBND tỉnh ký các văn bản chỉ đạo chuyên đề", "31/12/2023"),
        new("1.4", "SO-TTTT", ["VP-UBND"], "Tối thiểu 52 tin, bài", "Hàng năm"),
        new("1.5", "VP-UBND", ["SO-TTTT"], "≥ 20 tin, bài", "Hàng năm"),
        new("2.6", "SO-TAICHINH", ["SO-TTTT"], "Văn bản nhắc nhở, chấn chỉnh quản lý chi", "30/06/2023"),
        new("2.7", "SO-TAICHINH", ["SO-TTTT"], "Hội nghị, bồi dưỡng, tập huấn", "30/09/2023"),
        new("2.9", "SO-NOIVU", ["SO-TAICHINH", "SO-TTTT"], "Quyết định UBND tỉnh", "30/11/2023"),
        new("2.11", "SO-KHDT", ["SO-TTTT"], "Tiếp tục có chính sách hỗ trợ", "31/12/2023"),
        new("3.4", "SO-TTTT", ["BUUDIEN-TINH"], "100%", "Hàng năm"),
        new("4.5", "SO-NOIVU", ["SO-TTTT"], "100% đơn vị có phân công công chức phụ trách", "31/10/2023"),
        new("4.7", "SO-NOIVU", ["SO-TTTT", "VP-UBND"], "≥ 80%", "31/12/2023"),
        new("4.11", "SO-TTTT", ["CUC-THONGKE"], "Mỗi năm tăng 1–2%", "Hàng năm"),
        new("5.1", "SO-TTTT", ["THANHTRA"], "100%", "30/09/2023"),
    ];

    /// <summary>The first district's plan, after seed 001's appendix: its contributors lead the figures they hold.</summary>
    /// <param name="district">The district's code.</param>
    /// <param name="due">The contributors' deadline, as a day (dd/MM/yyyy).</param>
    public static IReadOnlyList<DemoPlanRow> District(string district, string due) =>
    [
        new("3.3", "BUUDIEN-" + district, ["CCTK-" + district], "≥ 80%", due, "Sở Thông tin và Truyền thông"),
        new("7.1", "CCTK-" + district, [], "≥ 20%", due, "Cục Thống kê tỉnh"),
        new("7.4", "BUUDIEN-" + district, [], "100%", due, "Bưu điện tỉnh"),
        new("8.1", "CCTK-" + district, [], "100%", "Hàng năm", "Công an tỉnh"),
    ];

    /// <summary>
    /// Creates the contributors and their accounts, the two plans, the contributors' deadline of the
    /// district period (ten days before its close, as seed 001's 10/12 before 20/12) and progress reports.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider provider, Actor actor, string password, CancellationToken ct)
    {
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        var units = provider.GetRequiredService<UnitDirectory>();
        var plans = provider.GetRequiredService<PlanService>();
        var periods = provider.GetRequiredService<PeriodService>();
        var progress = provider.GetRequiredService<ProgressService>();

        var district = DemoData.Districts[0];
        var contributors = ProvinceContributors.Select(c => (c.Code, c.Name, Parent: DemoData.ProvinceCode))
            .Concat(DistrictContributors.Select(c => (Code: c.Prefix + "-" + district.Code, Name: c.Name + " " + district.Name.Replace("Huyện ", "huyện ", StringComparison.Ordinal), Parent: district.Code)))
            .ToArray();
        foreach (var (code, name, parent) in contributors)
        {
            Succeeded(await units.CreateAsync(actor, code, name, UnitLevel.Department, parent, null, notScored: true, ct), code);
        }

        db.ChangeTracker.Clear();
        await CreateAccountsAsync(provider, db, contributors.Select(c => c.Code).ToArray(), password, ct);

        var province = await PeriodOfAsync(db, FrameworkLevel.Province, ct);
        var districtPeriod = await PeriodOfAsync(db, FrameworkLevel.District, ct);
        if (province is { } provinceId)
        {
            Succeeded(await plans.SaveAsync(actor, provinceId, DemoData.ProvinceCode, Changes(Province), ct), "plan " + DemoData.ProvinceCode);

            // The province's 2023 plan, a year on: most assignments done, some under way, some overdue (no report).
            Succeeded(
                await progress.SaveAsync(
                    actor,
                    provinceId,
                    [
                        new(DemoData.ProvinceCode, "1.3", "year", "done", "Chủ tịch UBND tỉnh đã ký 4/4 văn bản chỉ đạo chuyên đề."),
                        new(DemoData.ProvinceCode, "2.6", "halfYear", "done", "Đã ban hành Công văn nhắc nhở quản lý chi cho chuyển đổi số."),
                        new(DemoData.ProvinceCode, "2.7", "nineMonths", "inProgress", "Đã xây dựng kế hoạch tập huấn; tổ chức trong quý IV."),
                        new(DemoData.ProvinceCode, "4.5", "nineMonths", "inProgress", "18/20 sở, ngành đã phân công công chức phụ trách."),
                        new(DemoData.ProvinceCode, "4.7", "halfYear", "inProgress", "Đã bồi dưỡng 52% công chức, viên chức."),
                        new(DemoData.ProvinceCode, "5.1", "quarter1", "notStarted", null),
                    ],
                    AuditChannel.Seed,
                    ct),
                "progress");
        }

        if (districtPeriod is { } districtId)
        {
            var summary = Succeeded(await periods.GetAsync(districtId, ct), "district period");
            var due = summary.ClosesOn.AddDays(-10);
            Succeeded(await periods.SetContributorsDeadlineAsync(actor, districtId, due, ct), "contributors' deadline");
            var dueText = due.ToString("dd'/'MM'/'yyyy", System.Globalization.CultureInfo.InvariantCulture);
            Succeeded(await plans.SaveAsync(actor, districtId, district.Code, Changes(District(district.Code, dueText)), ct), "plan " + district.Code);
            Succeeded(
                await progress.SaveAsync(
                    actor,
                    districtId,
                    [new(district.Code, "7.1", "nineMonths", "inProgress", "Đã thu thập số liệu GRDP 9 tháng.")],
                    AuditChannel.Seed,
                    ct),
                "progress");
        }

        db.ChangeTracker.Clear();
    }

    private static PlanRowChange[] Changes(IEnumerable<DemoPlanRow> rows) =>
        rows.Select(r => new PlanRowChange(r.Indicator, r.GuidingBody, r.Lead, r.Coordinating, r.Target, r.Deadline)).ToArray();

    private static async Task<int?> PeriodOfAsync(OpenDtiDbContext db, FrameworkLevel level, CancellationToken ct)
    {
        var candidates = await db.Periods.AsNoTracking().Select(p => new { p.Id, p.Framework!.Level }).ToListAsync(ct);
        return candidates.Where(p => p.Level == level).Select(p => (int?)p.Id).FirstOrDefault();
    }

    /// <summary>A reporter and a leader for each contributor, as for the other units.</summary>
    private static async Task CreateAccountsAsync(IServiceProvider provider, OpenDtiDbContext db, IReadOnlyList<string> codes, string password, CancellationToken ct)
    {
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        // The demo accounts share one password hash (DemoSummary tells them by it): the other units' reporters'.
        var hash = await db.Users.AsNoTracking()
                .Where(u => u.UserName!.StartsWith(DemoProvince.ReporterPrefix) && u.PasswordHash != null)
                .Select(u => u.PasswordHash)
                .FirstOrDefaultAsync(ct)
            ?? provider.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser { UserName = DemoProvince.ActorName }, password);
        var found = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToListAsync(ct);
        foreach (var unit in found.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            var suffix = unit.Code.ToLowerInvariant();
            foreach (var (prefix, role, title) in new[] { (DemoProvince.ReporterPrefix, Roles.UnitReporter, "Cán bộ báo cáo – "), (DemoProvince.LeaderPrefix, Roles.UnitLeader, "Lãnh đạo – ") })
            {
                var name = prefix + suffix;
                if (await users.FindByNameAsync(name) is not null)
                {
                    continue;
                }

                var user = new AppUser { UserName = name, DisplayName = title + unit.Name, UnitId = unit.Id, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N") };
                Check((await users.CreateAsync(user)).Succeeded, name);
                Check((await users.AddToRoleAsync(user, role)).Succeeded, name);
            }
        }

        db.ChangeTracker.Clear();
    }

    private static void Check(bool succeeded, string what)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException("The demo could not create " + what + ".");
        }
    }

    private static T Succeeded<T>(Outcome<T> outcome, string what) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException($"The demo could not create {what}: {outcome.Message} {string.Join("; ", outcome.Problems.Select(p => p.Message.ToString()))}");
}
