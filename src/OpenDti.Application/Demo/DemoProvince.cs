using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using OpenDti.Data.Units;
using OpenDti.Exchange.Frameworks.BuiltIn;

namespace OpenDti.Application.Demo;

/// <summary>What the demo seeding did, or found.</summary>
/// <param name="Seeded">Whether the demo was seeded now (false: the database already had units).</param>
/// <param name="Units">Units in the database.</param>
/// <param name="Departments">Departments among them.</param>
/// <param name="Districts">Districts among them.</param>
/// <param name="Communes">Communes among them.</param>
/// <param name="ProfileValues">General-information figures stored.</param>
/// <param name="Periods">Evaluation periods.</param>
/// <param name="Values">Reported values.</param>
/// <param name="Accounts">The demo accounts that exist, all with the password <see cref="DemoProvince.Password"/>.</param>
public sealed record DemoSummary(
    bool Seeded, int Units, int Departments, int Districts, int Communes, int ProfileValues, int Periods, int Values, IReadOnlyList<string> Accounts)
{
    /// <summary>
    /// The accounts in one line: the province-wide ones by name, the unit ones by their pattern with
    /// the number of units and two examples ("admin, evaluator, viewer, reporter.&lt;mã đơn vị&gt;,
    /// leader.&lt;mã đơn vị&gt; (33 đơn vị, ví dụ reporter.so-tttt, leader.huyen-01)").
    /// </summary>
    public string DescribeAccounts()
    {
        var parts = Accounts.Where(a => !IsUnitAccount(a)).ToList();
        var reporters = Accounts.Where(a => a.StartsWith(DemoProvince.ReporterPrefix, StringComparison.Ordinal)).ToList();
        var leaders = Accounts.Where(a => a.StartsWith(DemoProvince.LeaderPrefix, StringComparison.Ordinal)).ToList();
        if (reporters.Count > 0)
        {
            parts.Add(DemoProvince.ReporterPrefix + "<mã đơn vị>");
        }

        if (leaders.Count > 0)
        {
            parts.Add(DemoProvince.LeaderPrefix + "<mã đơn vị>");
        }

        var text = string.Join(", ", parts);
        var units = reporters.Select(r => r[DemoProvince.ReporterPrefix.Length..])
            .Union(leaders.Select(l => l[DemoProvince.LeaderPrefix.Length..]), StringComparer.Ordinal)
            .Count();
        if (units > 0)
        {
            var examples = new[]
            {
                reporters.FirstOrDefault(r => r == DemoProvince.ReporterPrefix + "so-tttt") ?? reporters.FirstOrDefault(),
                leaders.FirstOrDefault(l => l == DemoProvince.LeaderPrefix + "huyen-01") ?? leaders.LastOrDefault(),
            }.OfType<string>();
            text += string.Create(CultureInfo.InvariantCulture, $" ({units} đơn vị, ví dụ {string.Join(", ", examples)})");
        }

        return text;
    }

    private static bool IsUnitAccount(string name) =>
        name.StartsWith(DemoProvince.ReporterPrefix, StringComparison.Ordinal) || name.StartsWith(DemoProvince.LeaderPrefix, StringComparison.Ordinal);
}

/// <summary>
/// The demo province "Tỉnh Mẫu" that a first run seeds into an empty database (in Development or
/// with <c>--demo</c>): the province, 20 departments, 9 districts with their communes, general
/// information for 2023 and 2024, one period per built-in framework (the communes' of 2025 last, see
/// <see cref="DemoCommunes2025"/>) with values reported by some
/// units completely, by some partly and by some not at all, and demo accounts. In the department
/// period, a few units that reported everything are on their way through review (see
/// <see cref="ReviewScript"/>), so that the review cycle can be seen at once.
/// </summary>
/// <remarks>
/// Everything goes through the use cases (units through <see cref="UnitDirectory"/>, periods through
/// <see cref="PeriodService"/>, values through <see cref="ValueService.SaveAsync"/>, so they are
/// validated and audited with <see cref="AuditChannel.Seed"/>). The figures come from one
/// <c>new Random(2024)</c> drawn in a fixed order: two seedings give the same data.
/// </remarks>
public static class DemoProvince
{
    /// <summary>The password of every demo account.</summary>
    public const string Password = "Demo@12345";

    /// <summary>The prefix of a unit reporter's account (reporter.so-tttt).</summary>
    public const string ReporterPrefix = "reporter.";

    /// <summary>The prefix of a unit leader's account (leader.so-tttt).</summary>
    public const string LeaderPrefix = "leader.";

    /// <summary>The province-wide demo accounts and their roles.</summary>
    public static IReadOnlyList<(string UserName, string Role, string DisplayName)> ProvinceAccounts { get; } =
    [
        ("admin", Roles.Administrator, "Quản trị hệ thống (Sở Thông tin và Truyền thông)"),
        ("evaluator", Roles.Evaluator, "Tổ thẩm định DTI (Sở Thông tin và Truyền thông)"),
        ("viewer", Roles.Viewer, "Lãnh đạo UBND tỉnh"),
    ];

    /// <summary>Who the seeding is recorded as (audit, unit history).</summary>
    public const string ActorName = "demo";

    /// <summary>
    /// The states the first department units that reported everything (in code order) are brought to,
    /// one unit each, in the department period; the other units stay drafts. Each state is reached by
    /// the steps a person takes, by the demo's accounts, so each unit's history is real.
    /// </summary>
    public static IReadOnlyList<SubmissionState> ReviewScript { get; } =
    [
        SubmissionState.Submitted,
        SubmissionState.Submitted,
        SubmissionState.Approved,
        SubmissionState.UnderReview,
        SubmissionState.Returned,
        SubmissionState.Finalised,
    ];

    /// <summary>The days a returned demo unit has to answer, from the day of seeding.</summary>
    public const int AnswerDays = 7;

    /// <summary>
    /// Seeds the demo province when the database has no unit; otherwise changes nothing and reports
    /// the demo accounts that exist. The roles and the built-in frameworks are created if missing.
    /// </summary>
    /// <param name="services">A provider with the database, the application layer and Identity (<see cref="UserManager{TUser}"/>).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<DemoSummary> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        if (!await db.Units.AnyAsync(ct))
        {
            // One transaction: a seeding that fails half-way leaves nothing behind; otherwise the next
            // start would find units and never finish the demo.
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await new Seeding(provider).RunAsync(ct);
                await transaction.CommitAsync(ct);
            }

            db.ChangeTracker.Clear();
            return await SummarizeAsync(db, seeded: true, ct);
        }

        return await SummarizeAsync(db, seeded: false, ct);
    }

    private static async Task<DemoSummary> SummarizeAsync(OpenDtiDbContext db, bool seeded, CancellationToken ct)
    {
        var levels = await db.Units.AsNoTracking().GroupBy(u => new { u.Level, u.NotScored }).Select(g => new { g.Key.Level, g.Key.NotScored, Count = g.Count() }).ToListAsync(ct);

        // Departments, districts and communes as scored; the offices that only contribute figures are in the total.
        int Count(UnitLevel level) => levels.Where(l => l.Level == level && !l.NotScored).Sum(l => l.Count);
        var fixedNames = ProvinceAccounts.Select(a => a.UserName).ToArray();
        var candidates = await db.Users.AsNoTracking()
            .Where(u => fixedNames.Contains(u.UserName!) || EF.Functions.Like(u.UserName!, ReporterPrefix + "%") || EF.Functions.Like(u.UserName!, LeaderPrefix + "%"))
            .Select(u => new { UserName = u.UserName!, u.PasswordHash })
            .ToListAsync(ct);

        // The demo accounts share one password hash (hashed once when seeded): an account of the same
        // name made otherwise (OpenDti:Admin) or whose password was changed is not a demo account.
        var demoHash = candidates.Where(c => c.PasswordHash is not null)
            .GroupBy(c => c.PasswordHash, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .FirstOrDefault()?.Key;
        var accounts = candidates.Where(c => demoHash is not null && c.PasswordHash == demoHash).Select(c => c.UserName).ToList();
        var ordered = fixedNames.Where(accounts.Contains)
            .Concat(accounts.Where(a => !fixedNames.Contains(a)).OrderBy(a => a.StartsWith(LeaderPrefix, StringComparison.Ordinal)).ThenBy(a => a, StringComparer.Ordinal))
            .ToArray();
        return new DemoSummary(
            seeded,
            levels.Sum(l => l.Count),
            Count(UnitLevel.Department),
            Count(UnitLevel.District),
            Count(UnitLevel.Commune),
            await db.UnitProfileValues.CountAsync(ct),
            await db.Periods.CountAsync(ct),
            await db.ReportedValues.CountAsync(ct),
            ordered);
    }

    /// <summary>One seeding, in a scope of its own.</summary>
    private sealed class Seeding(IServiceProvider provider)
    {
        private readonly Actor _actor = Actor.System(ActorName, AuditChannel.Seed);
        private readonly DemoRandom _random = new();
        private readonly OpenDtiDbContext _db = provider.GetRequiredService<OpenDtiDbContext>();
        private readonly UnitDirectory _units = provider.GetRequiredService<UnitDirectory>();
        private readonly PeriodService _periods = provider.GetRequiredService<PeriodService>();
        private readonly ValueService _values = provider.GetRequiredService<ValueService>();
        private readonly FrameworkCatalog _frameworks = provider.GetRequiredService<FrameworkCatalog>();
        private readonly TimeProvider _time = provider.GetRequiredService<TimeProvider>();
        private readonly SubmissionService _submissions = provider.GetRequiredService<SubmissionService>();
        private readonly ReviewNoteService _notes = provider.GetRequiredService<ReviewNoteService>();

        /// <summary>The department period and its units that reported every indicator, in code order.</summary>
        private (int PeriodId, List<string> Codes) _departmentsComplete = (0, []);

        public async Task RunAsync(CancellationToken ct)
        {
            await _frameworks.ImportBuiltInAsync(ct);
            var frameworks = new List<Framework>();
            foreach (var code in BuiltInFrameworks.Codes)
            {
                frameworks.Add(Succeeded(await _frameworks.GetAsync(code, ct), code));
            }

            await CreateUnitsAsync(ct);
            var profiles = new DemoProfiles(_random);
            await SetProfilesAsync(profiles, frameworks, ct);
            await CreateAccountsAsync(ct);

            // Departments first, then districts, then the province: the order the figures are drawn in.
            // The commune framework of 2025 gets its period last (DemoCommunes2025), after the past years.
            foreach (var framework in frameworks.Where(f => f.Code != DemoCommunes2025.Framework).OrderBy(f => f.Level switch
            {
                FrameworkLevel.Department => 0,
                FrameworkLevel.District => 1,
                FrameworkLevel.Province => 2,
                _ => 3,
            }).ThenBy(f => f.Code, StringComparer.Ordinal))
            {
                await CreatePeriodAsync(framework, profiles, ct);
            }

            await ShowReviewCycleAsync(ct);

            // Plans last: their contributors are never in a period's cohort, and last year's results are read as they stand.
            await DemoPlans.SeedAsync(provider, _actor, Password, ct);

            // The past year, last: its own chance, so the current year's figures do not move (trends over the years).
            await DemoHistory.SeedAsync(provider, _actor, ct);
            await DemoNational.SeedAsync(provider, _actor, ct);

            // The causes of the largest gaps, after the national reference values that move the province's points.
            await DemoGaps.SeedAsync(provider, _actor, ct);

            // The 2025 reform, after every period of 2023 and 2024: they keep the tree they were run with.
            await DemoReform.SeedAsync(provider, _actor, ct);

            // The communes on the commune framework of 2025, last: the merged communes under the province, and a period
            // id after all the others.
            await DemoCommunes2025.SeedAsync(provider, _actor, ct);

            // The departments' framework of 2025, its crosswalk from 2022 and its period, after all the others (issue 17, point 5).
            await DemoDepartments2025.SeedAsync(provider, _actor, ct);
        }

        private async Task CreateUnitsAsync(CancellationToken ct)
        {
            Succeeded(await _units.CreateAsync(_actor, DemoData.ProvinceCode, DemoData.ProvinceName, UnitLevel.Province, null, cancellationToken: ct), DemoData.ProvinceCode);
            foreach (var department in DemoData.Departments)
            {
                Succeeded(await _units.CreateAsync(_actor, department.Code, department.Name, UnitLevel.Department, DemoData.ProvinceCode, cancellationToken: ct), department.Code);
            }

            foreach (var district in DemoData.Districts)
            {
                Succeeded(await _units.CreateAsync(_actor, district.Code, district.Name, UnitLevel.District, DemoData.ProvinceCode, cancellationToken: ct), district.Code);
                for (var i = 0; i < district.Communes.Count; i++)
                {
                    var code = DemoData.CommuneCode(district, i);
                    Succeeded(await _units.CreateAsync(_actor, code, district.Communes[i], UnitLevel.Commune, district.Code, cancellationToken: ct), code);
                }
            }

            _db.ChangeTracker.Clear();
        }

        /// <summary>Both years' general information, for every field the built-in frameworks of the unit's level declare.</summary>
        private async Task SetProfilesAsync(DemoProfiles profiles, IReadOnlyList<Framework> frameworks, CancellationToken ct)
        {
            IEnumerable<ProfileField> Fields(FrameworkLevel level) => frameworks.Where(f => f.Level == level).SelectMany(f => f.ProfileFields);
            var units = new List<(string Code, FrameworkLevel Level)> { (DemoData.ProvinceCode, FrameworkLevel.Province) };
            units.AddRange(DemoData.Departments.Select(d => (d.Code, FrameworkLevel.Department)));
            units.AddRange(DemoData.Districts.Select(d => (d.Code, FrameworkLevel.District)));
            foreach (var (code, level) in units)
            {
                var fields = Fields(level).ToArray();
                if (fields.Length == 0)
                {
                    continue;
                }

                foreach (var year in DemoData.Years)
                {
                    Succeeded(await _units.SetProfileAsync(_actor, code, year, profiles.For(code, year, fields), ct), code);
                }
            }

            _db.ChangeTracker.Clear();
        }

        /// <summary>
        /// A period for <paramref name="framework"/> over every unit of its level: the department and
        /// district periods of 2024 are open until a month from now; the province's self-assessment of
        /// 2023 is closed. Half the units report everything, about a third half the indicators, the
        /// rest nothing yet.
        /// </summary>
        private async Task CreatePeriodAsync(Framework framework, DemoProfiles profiles, CancellationToken ct)
        {
            var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
            var (name, year, opensOn, closesOn, status) = framework.Level switch
            {
                FrameworkLevel.Department => ("Đánh giá DTI các sở, ban, ngành năm 2024", 2024, new DateOnly(2024, 11, 1), Later(today.AddDays(30), new DateOnly(2024, 11, 1)), PeriodStatus.Open),
                FrameworkLevel.District => ("Đánh giá DTI cấp huyện năm 2024", 2024, new DateOnly(2024, 11, 1), Later(today.AddDays(30), new DateOnly(2024, 11, 1)), PeriodStatus.Open),
                FrameworkLevel.Province => ("Tự đánh giá DTI cấp tỉnh năm 2023", 2023, new DateOnly(2024, 1, 15), new DateOnly(2024, 3, 15), PeriodStatus.Closed),
                _ => (framework.Name + " (mẫu)", 2024, new DateOnly(2024, 11, 1), Later(today.AddDays(30), new DateOnly(2024, 11, 1)), PeriodStatus.Open),
            };

            var period = Succeeded(await _periods.CreateAsync(_actor, framework.Code, year, name, opensOn, closesOn, cancellationToken: ct), framework.Code);
            Succeeded(await _periods.SetStatusAsync(_actor, period.Id, PeriodStatus.Open, ct), framework.Code);

            var cohort = await _db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == period.Id).Select(u => u.UnitCode).ToListAsync(ct);
            cohort.Sort(StringComparer.Ordinal);
            await ReportAsync(framework, period.Id, year, cohort, profiles, ct);

            if (status != PeriodStatus.Open)
            {
                Succeeded(await _periods.SetStatusAsync(_actor, period.Id, status, ct), framework.Code);
            }

            _db.ChangeTracker.Clear();
        }

        private async Task ReportAsync(Framework framework, int periodId, int year, List<string> cohort, DemoProfiles profiles, CancellationToken ct)
        {
            var count = cohort.Count;
            if (count == 0)
            {
                return;
            }

            // A quality per unit evenly spread between weak and excellent, so that the ranking is spread too.
            var qualities = _random.Shuffle(Enumerable.Range(0, count).Select(i => count == 1 ? 0.85m : 0.3m + (0.65m * i / (count - 1))));
            var complete = (int)Math.Round(count * 0.5m, MidpointRounding.AwayFromZero);
            var partial = (int)Math.Round(count * 0.3m, MidpointRounding.AwayFromZero);
            var order = _random.Shuffle(Enumerable.Range(0, count));
            var generator = new DemoValueGenerator(_random);
            var reportedAll = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var code = cohort[i];
                var rank = order.IndexOf(i);
                if (rank >= complete + partial)
                {
                    continue;
                }

                if (rank < complete)
                {
                    reportedAll.Add(code);
                }

                var leaves = rank < complete ? framework.Leaves : Half(framework.Leaves);
                var profile = profiles.For(code, year, framework.ProfileFields);
                var quality = Math.Clamp(qualities[i] + _random.Between(-0.05m, 0.05m), 0.2m, 1m);
                var changes = generator.Generate(leaves, quality, profile);
                var saved = await _values.SaveAsync(_actor, periodId, code, changes, AuditChannel.Seed, "Dữ liệu mẫu", cancellationToken: ct);
                if (!saved.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"Demo values of {code} for {framework.Code} were refused: " +
                        string.Join("; ", saved.Problems.Select(p => $"{p.Indicator}/{p.Input}: {p.Message}")));
                }

                _db.ChangeTracker.Clear();
            }

            if (framework.Level == FrameworkLevel.Department)
            {
                _departmentsComplete = (periodId, reportedAll);
            }
        }

        /// <summary>
        /// Brings the first department units that reported everything to the states of
        /// <see cref="ReviewScript"/> through <see cref="SubmissionService"/> and <see cref="ReviewNoteService"/>,
        /// as the unit's reporter (submits), its leader (approves) and the evaluator (starts the review,
        /// comments on or accepts an indicator, returns or finalises): every step is checked by the
        /// workflow and written in the unit's history. Nothing is drawn from the random sequence, so the
        /// values stay as they are. A unit whose demo accounts are missing or play another part (an
        /// account of that name made otherwise) is left a draft.
        /// </summary>
        private async Task ShowReviewCycleAsync(CancellationToken ct)
        {
            var (periodId, codes) = _departmentsComplete;
            var evaluator = await DemoActorAsync("evaluator", ct);
            if (periodId == 0 || evaluator is null || !evaluator.IsIn(Roles.Evaluator))
            {
                return;
            }

            var answerBy = VietnamTime.Today(_time).AddDays(AnswerDays);
            foreach (var (code, target) in codes.Zip(ReviewScript))
            {
                var suffix = code.ToLowerInvariant();
                var unitId = await _db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync(ct);
                var reporter = await DemoActorAsync(ReporterPrefix + suffix, ct);
                var leader = await DemoActorAsync(LeaderPrefix + suffix, ct);
                if (reporter is null || leader is null
                    || ReviewScope.ParticipantFor(reporter, unitId) != Participant.UnitReporter
                    || ReviewScope.ParticipantFor(leader, unitId) != Participant.UnitLeader)
                {
                    continue;
                }

                async Task StepAsync(Actor actor, SubmissionAction action, string? comment, DateOnly? answerDay = null) =>
                    Succeeded(await _submissions.TransitionAsync(actor, periodId, code, action, new TransitionRequest(comment, answerDay), ct), $"{code} {action}");

                async Task NoteAsync(string indicator, ReviewNoteKind kind, string? text) =>
                    Succeeded(await _notes.AddAsync(evaluator, periodId, code, indicator, kind, text, ct), $"{code} {indicator} {kind}");

                await StepAsync(reporter, SubmissionAction.Submit, "Đơn vị đã kê khai đầy đủ số liệu và minh chứng, đề nghị lãnh đạo phê duyệt.");
                if (target != SubmissionState.Submitted)
                {
                    await StepAsync(leader, SubmissionAction.Approve, "Đồng ý gửi hồ sơ để thẩm định.");
                }

                if (target is SubmissionState.UnderReview or SubmissionState.Returned or SubmissionState.Finalised)
                {
                    await StepAsync(evaluator, SubmissionAction.StartReview, null);
                }

                switch (target)
                {
                    case SubmissionState.UnderReview:
                        await NoteAsync("1.2", ReviewNoteKind.Accepted, null);
                        await NoteAsync("1.1", ReviewNoteKind.Returned, "Đề nghị bổ sung quyết định thành lập Ban Chỉ đạo chuyển đổi số, ghi rõ người đứng đầu đơn vị là Trưởng ban.");
                        break;
                    case SubmissionState.Returned:
                        await NoteAsync("1.3", ReviewNoteKind.Returned, "Đề nghị bổ sung kế hoạch và danh sách cán bộ tham dự hội nghị, tập huấn về chuyển đổi số năm 2024.");
                        await StepAsync(evaluator, SubmissionAction.Return, "Đề nghị đơn vị giải trình, bổ sung minh chứng theo ý kiến tại từng chỉ số.", answerBy);
                        break;
                    case SubmissionState.Finalised:
                        await NoteAsync("1.1", ReviewNoteKind.Accepted, null);
                        await StepAsync(evaluator, SubmissionAction.Finalise, "Hồ sơ đầy đủ; thống nhất kết quả tự đánh giá.");
                        break;
                }

                _db.ChangeTracker.Clear();
            }
        }

        /// <summary>A demo account as the web application loads the signed-in person (roles and unit from the account); null when there is none.</summary>
        private async Task<Actor?> DemoActorAsync(string userName, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            var users = provider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is not { } user)
            {
                return null;
            }

            var roles = await users.GetRolesAsync(user);
            return new Actor(user.Id, user.UserName ?? user.Id, roles.ToHashSet(StringComparer.Ordinal), user.UnitId) { Channel = AuditChannel.Seed };
        }

        /// <summary>About half the leaves, in framework order.</summary>
        private List<FrameworkNode> Half(IReadOnlyList<FrameworkNode> leaves)
        {
            var take = (int)Math.Round(leaves.Count * _random.Between(0.4m, 0.6m), MidpointRounding.AwayFromZero);
            var chosen = _random.Shuffle(leaves).Take(Math.Max(1, take)).ToHashSet();
            return leaves.Where(chosen.Contains).ToList();
        }

        /// <summary>
        /// admin, evaluator, viewer, and a reporter and a leader for every department and district.
        /// The password is hashed once (a hash costs tens of milliseconds) and shared.
        /// </summary>
        private async Task CreateAccountsAsync(CancellationToken ct)
        {
            if (provider.GetService<RoleManager<IdentityRole>>() is { } roles)
            {
                foreach (var role in Roles.All)
                {
                    if (!await roles.RoleExistsAsync(role))
                    {
                        await roles.CreateAsync(new IdentityRole(role));
                    }
                }
            }

            var users = provider.GetRequiredService<UserManager<AppUser>>();
            var hash = provider.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser { UserName = ActorName }, Password);
            foreach (var (userName, role, displayName) in ProvinceAccounts)
            {
                await CreateAccountAsync(users, hash, userName, role, displayName, null, ct);
            }

            var units = await _db.Units.AsNoTracking()
                .Where(u => u.Level == UnitLevel.Department || u.Level == UnitLevel.District)
                .OrderBy(u => u.Level).ThenBy(u => u.Code)
                .ToListAsync(ct);
            foreach (var unit in units)
            {
                var suffix = unit.Code.ToLowerInvariant();
                await CreateAccountAsync(users, hash, ReporterPrefix + suffix, Roles.UnitReporter, "Cán bộ báo cáo – " + unit.Name, unit.Id, ct);
                await CreateAccountAsync(users, hash, LeaderPrefix + suffix, Roles.UnitLeader, "Lãnh đạo – " + unit.Name, unit.Id, ct);
            }

            _db.ChangeTracker.Clear();
        }

        private static async Task CreateAccountAsync(
            UserManager<AppUser> users, string hash, string userName, string role, string displayName, int? unitId, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(userName) is not null)
            {
                // An account of that name exists already (OpenDti:Admin): keep it as it is.
                return;
            }

            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                UnitId = unitId,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            Check(await users.CreateAsync(user), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
        }

        private static void Check(IdentityResult result, string userName)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {userName} could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }

        private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

        private static T Succeeded<T>(Outcome<T> outcome, string what) =>
            outcome.Succeeded
                ? outcome.Value!
                : throw new InvalidOperationException(
                    $"Demo seeding failed at {what}: {outcome.Message} " + string.Join("; ", outcome.Problems.Select(p => $"{p.Indicator}/{p.Input}: {p.Message}")));
    }
}
