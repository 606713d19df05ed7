using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using OpenDti.Data.Units;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>One seeded demo database shared by the tests of <see cref="DemoProvinceTests"/>.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public DemoSummary Summary { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Summary = await DemoProvince.SeedAsync(Database.Services);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();

    public Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action) => Database.InScopeAsync(action);

    public Task<T> InDbAsync<T>(Func<OpenDtiDbContext, Task<T>> action) =>
        Database.InScopeAsync(services => action(services.GetRequiredService<OpenDtiDbContext>()));
}

/// <summary>The demo province "Tỉnh Mẫu" a first run seeds: units, profiles, periods, values and accounts.</summary>
public class DemoProvinceTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_CreatesTheProvinceItsDepartmentsDistrictsAndCommunes()
    {
        var units = await demo.InDbAsync(db => db.Units.AsNoTracking().ToListAsync(Ct));

        var province = Assert.Single(units, u => u.Level == UnitLevel.Province);
        Assert.Equal(("TINH-MAU", "Tỉnh Mẫu"), (province.Code, province.Name));
        var departments = units.Where(u => u.Level == UnitLevel.Department && !u.NotScored).ToList();
        Assert.Equal(20, departments.Count);
        Assert.All(departments, d => Assert.Equal(province.Id, d.ParentId));
        Assert.Contains(departments, d => d.Code == "SO-TTTT" && d.Name == "Sở Thông tin và Truyền thông");
        Assert.Contains(departments, d => d.Code == "VP-UBND" && d.Name == "Văn phòng UBND tỉnh");
        var districts = units.Where(u => u.Level == UnitLevel.District).ToList();
        Assert.Equal(9, districts.Count);
        Assert.All(districts, d => Assert.Equal(province.Id, d.ParentId));
        // The tree of 2024, before the 2025 reform placed the communes under the province (DemoReform).
        var tree2024 = await demo.InScopeAsync(s => s.GetRequiredService<Units.UnitDirectory>().ListAsOfAsync(new DateOnly(2024, 12, 31), Ct));
        Assert.All(districts, d =>
        {
            var communes = tree2024.Count(c => c.Level == UnitLevel.Commune && c.ParentId == d.Id);
            Assert.InRange(communes, 4, 8);
        });
        Assert.Contains(units, u => u.Code == "XA-01-03" && u.Level == UnitLevel.Commune);
        Assert.All(units, u => Assert.Matches("^[A-Z0-9-]+$", u.Code));
        Assert.Equal(
            (units.Count, 20, 9, units.Count(u => u.Level == UnitLevel.Commune)),
            (demo.Summary.Units, demo.Summary.Departments, demo.Summary.Districts, demo.Summary.Communes));

        // Every unit has its Created event, recorded as the demo.
        var events = await demo.InDbAsync(db => db.UnitEvents.AsNoTracking().Where(e => e.Kind == UnitEventKind.Created).ToListAsync(Ct));
        Assert.Equal(units.Select(u => u.Id).Order(), events.Select(e => e.UnitId).Order());
        Assert.All(events, e => Assert.Equal("demo", e.RecordedBy));
    }

    [Fact]
    public async Task Seed_GivesEveryUnitAProfileForBothYears_WithEveryFieldItsFrameworksRead()
    {
        var units = await demo.InDbAsync(db => db.Units.AsNoTracking().ToListAsync(Ct));
        var profiles = await demo.InDbAsync(db => db.UnitProfileValues.AsNoTracking().ToListAsync(Ct));
        var frameworks = BuiltInFrameworks.Codes.Select(BuiltInFrameworks.Get).ToArray();

        // The offices that only contribute figures (DemoPlans) have no general information: they are never scored.
        foreach (var unit in units.Where(u => u.Level != UnitLevel.Commune && !u.NotScored))
        {
            var level = unit.Level switch
            {
                UnitLevel.Province => FrameworkLevel.Province,
                UnitLevel.Department => FrameworkLevel.Department,
                _ => FrameworkLevel.District,
            };
            var keys = frameworks.Where(f => f.Level == level).SelectMany(f => f.ProfileFields).Select(p => p.Key).Distinct().Order().ToArray();
            foreach (var year in new[] { 2023, 2024 })
            {
                var figures = profiles.Where(p => p.UnitId == unit.Id && p.Year == year).ToDictionary(p => p.Key, p => p.Value);
                Assert.Equal(keys, figures.Keys.Order().ToArray());
                Assert.All(figures.Values, v => Assert.True(v >= 0m, $"{unit.Code} {year}"));
            }

            var first = profiles.Where(p => p.UnitId == unit.Id && p.Year == 2023).ToDictionary(p => p.Key, p => p.Value);
            var second = profiles.Where(p => p.UnitId == unit.Id && p.Year == 2024).ToDictionary(p => p.Key, p => p.Value);
            Assert.True(first.Any(f => second[f.Key] != f.Value), $"{unit.Code}: 2024 should differ slightly from 2023");
            Assert.All(first, f => Assert.InRange(second[f.Key], f.Value * 0.9m, (f.Value * 1.35m) + 2m));
        }

        Assert.Equal(profiles.Count, demo.Summary.ProfileValues);

        // A district's figures hang together, with the communes it had in 2024 (before the 2025 reform).
        var tree2024 = await demo.InScopeAsync(s => s.GetRequiredService<Units.UnitDirectory>().ListAsOfAsync(new DateOnly(2024, 12, 31), Ct));
        foreach (var district in units.Where(u => u.Level == UnitLevel.District))
        {
            var p = profiles.Where(x => x.UnitId == district.Id && x.Year == 2024).ToDictionary(x => x.Key, x => x.Value);
            Assert.InRange(p["population"], 80_000m, 252_000m);
            Assert.InRange(p["population"] / p["households"], 3.3m, 3.9m);
            Assert.InRange(p["working_age_population"] / p["population"], 0.55m, 0.65m);
            Assert.Equal(tree2024.Count(u => u.ParentId == district.Id && u.Level == UnitLevel.Commune), p["communes"]);
            Assert.InRange(p["civil_servants"], 75m, 200m);
            Assert.True(p["smes"] <= p["enterprises"]);
        }

        foreach (var department in units.Where(u => u.Level == UnitLevel.Department && !u.NotScored))
        {
            var p = profiles.Where(x => x.UnitId == department.Id && x.Year == 2024).ToDictionary(x => x.Key, x => x.Value);
            Assert.InRange(p["civil_servants"], 20m, 120m);
            Assert.InRange(p["public_employees"], 0m, 830m);
            Assert.InRange(p["subordinate_units"], 2m, 15m);
        }

        // The province is the sum of its districts.
        var province = units.Single(u => u.Level == UnitLevel.Province);
        var provinceFigures = profiles.Where(x => x.UnitId == province.Id && x.Year == 2023).ToDictionary(x => x.Key, x => x.Value);
        var districtIds = units.Where(u => u.Level == UnitLevel.District).Select(u => u.Id).ToHashSet();
        Assert.Equal(
            profiles.Where(x => districtIds.Contains(x.UnitId) && x.Year == 2023 && x.Key == "population").Sum(x => x.Value),
            provinceFigures["population"]);
        Assert.InRange(provinceFigures["population"], 1_100_000m, 1_300_000m);
        Assert.Equal(tree2024.Count(u => u.Level == UnitLevel.Commune), provinceFigures["communes"]);
    }

    [Fact]
    public async Task Seed_OpensAPeriodPerBuiltInFramework()
    {
        // The departments' period of 2025 on the demo's own 2025 edition comes last of all (DemoDepartments2025).
        var all = await demo.InDbAsync(db => db.Periods.AsNoTracking().Include(p => p.Framework).Include(p => p.Units).ToListAsync(Ct));
        var edition2025 = Assert.Single(all, p => p.Framework!.Code == DemoDepartments2025.Framework);
        Assert.True(edition2025.Id > all.Except([edition2025]).Max(p => p.Id));
        all.Remove(edition2025);
        var today = VietnamTime.Today(demo.Database.Services.GetRequiredService<TimeProvider>());

        // The past year's department and district periods (DemoHistory) come after the current ones: closed, every unit in them.
        var periods = all.Where(p => !DemoHistory.Periods.Any(h => h.Name == p.Name)).ToList();
        Assert.Equal(BuiltInFrameworks.Codes.Order(), periods.Select(p => p.Framework!.Code).Order());
        Assert.Equal(4 + DemoHistory.Periods.Count + 1, demo.Summary.Periods);
        var past = all.Except(periods).ToList();
        Assert.Equal(DemoHistory.Periods.Select(h => (h.Framework, h.Name, 2023, PeriodStatus.Closed)), past.Select(p => (p.Framework!.Code, p.Name, p.Year, p.Status)));

        // The ids of the first demo periods do not move: the current three, the past year, then the communes of 2025.
        var communes = periods.Single(p => p.Framework!.Code == DemoCommunes2025.Framework);
        Assert.All(past, p => Assert.True(p.Id > periods.Except([communes]).Max(c => c.Id)));
        Assert.True(communes.Id > all.Except([communes]).Max(p => p.Id));
        Assert.Equal([20, 9], past.Select(p => p.Units.Count));

        var departments = periods.Single(p => p.Framework!.Code == "dti-department-2022");
        Assert.Equal(("Đánh giá DTI các sở, ban, ngành năm 2024", 2024, PeriodStatus.Open), (departments.Name, departments.Year, departments.Status));
        Assert.Equal(new DateOnly(2024, 11, 1), departments.OpensOn);
        Assert.True(departments.ClosesOn > today, "the department period is open for data entry");
        Assert.Equal(20, departments.Units.Count);

        var districts = periods.Single(p => p.Framework!.Code == "dti-district-2023");
        Assert.Equal(("Đánh giá DTI cấp huyện năm 2024", 2024, PeriodStatus.Open), (districts.Name, districts.Year, districts.Status));
        Assert.True(districts.ClosesOn > today);
        Assert.Equal(9, districts.Units.Count);

        var province = periods.Single(p => p.Framework!.Code == "dti-province-2022");
        Assert.Equal(("Tự đánh giá DTI cấp tỉnh năm 2023", 2023, PeriodStatus.Closed), (province.Name, province.Year, province.Status));
        Assert.True(province.ClosesOn < today && province.OpensOn < province.ClosesOn);
        Assert.Equal("TINH-MAU", Assert.Single(province.Units).UnitCode);
    }

    [Theory]
    [InlineData("dti-department-2022", 10, 6, 4)]
    [InlineData("dti-district-2023", 5, 3, 1)]
    [InlineData("dti-province-2022", 1, 0, 0)]
    public async Task Seed_SomeUnitsReportEverything_SomePart_SomeNothing(string framework, int complete, int partial, int notStarted)
    {
        var results = await ResultsAsync(framework);

        Assert.Equal(complete, results.Units.Count(u => u.Complete));
        Assert.Equal(partial, results.Units.Count(u => u.Submitted && !u.Complete));
        Assert.Equal(notStarted, results.Units.Count(u => !u.Submitted));
        Assert.All(results.Units.Where(u => u.Complete), u => Assert.Equal(u.TotalInputs, u.AnsweredInputs));
        Assert.All(
            results.Units.Where(u => u.Submitted && !u.Complete),
            u => Assert.InRange(u.AnsweredInputs, u.TotalInputs / 5, u.TotalInputs * 4 / 5));
    }

    [Fact]
    public async Task Seed_DepartmentRankingIsSpread()
    {
        var results = await ResultsAsync("dti-department-2022");
        var totals = results.Units.Where(u => u.Submitted).Select(u => u.Total).ToArray();

        Assert.True(totals.Distinct().Count() >= 10, "totals: " + string.Join(", ", totals));
        var complete = results.Units.Where(u => u.Complete).Select(u => u.Total).ToArray();
        Assert.True(complete.Max() - complete.Min() >= 150m, "complete units from weak to good: " + string.Join(", ", complete));
        Assert.True(complete.Max() <= 1000m && complete.Min() > 100m);
    }

    [Fact]
    public async Task Seed_OpensTheCommunePeriodOf2025_OnTheCommunesAfterTheReform()
    {
        var period = await demo.InDbAsync(db => db.Periods.AsNoTracking().Include(p => p.Framework).Include(p => p.Units)
            .SingleAsync(p => p.Framework!.Code == "dti-commune-2025", Ct));
        var communes = await demo.InDbAsync(db => db.Units.AsNoTracking().Include(u => u.Parent).Where(u => u.Level == UnitLevel.Commune).ToListAsync(Ct));
        var today = VietnamTime.Today(demo.Database.Services.GetRequiredService<TimeProvider>());
        var cohort = period.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(("Đánh giá DTI cấp xã năm 2025", 2025, PeriodStatus.Open, new DateOnly(2025, 11, 1)), (period.Name, period.Year, period.Status, period.OpensOn));
        Assert.True(period.ClosesOn > today, "the commune period is open for data entry");
        Assert.Equal(DemoCommunes2025.Cohort(communes), cohort);

        // The merged communes are in it, the ones they absorbed are not, and every one sits under the province.
        Assert.Contains("XA-HOA-LAC", cohort);
        Assert.DoesNotContain("XA-02-01", cohort);
        Assert.All(communes.Where(c => cohort.Contains(c.Code)), c => Assert.Equal(DemoData.ProvinceCode, c.Parent!.Code));
        Assert.True(cohort.Length < communes.Count, $"{cohort.Length} of {communes.Count} communes");
    }

    [Fact]
    public async Task Seed_CommunesOf2025_AFewStrong_MostMiddling_AFewWeak()
    {
        var results = await ResultsAsync("dti-commune-2025");
        var count = results.Units.Count;

        // All report; about one in ten has only its first three main indices so far.
        Assert.All(results.Units, u => Assert.True(u.Submitted, u.UnitCode));
        Assert.InRange(results.Units.Count(u => !u.Complete), count / 12, count / 8);
        var shares = results.Units.Where(u => u.Complete).Select(u => u.Total / 960m).Order().ToArray();
        var text = string.Join(", ", shares.Select(s => s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(shares.Length, shares.Distinct().Count());
        Assert.True(shares.Count(s => s >= 0.8m) >= 2 && shares.Count(s => s >= 0.8m) <= shares.Length / 4, text);
        Assert.True(shares.Count(s => s < 0.45m) >= 2 && shares.Count(s => s < 0.45m) <= shares.Length / 4, text);
        Assert.True(shares.Count(s => s >= 0.45m && s < 0.8m) > shares.Length / 2, text);
    }

    [Fact]
    public async Task Seed_DistrictRankingIsSpread()
    {
        var results = await ResultsAsync("dti-district-2023");
        var totals = results.Units.Where(u => u.Submitted).Select(u => u.Total).ToArray();

        Assert.Equal(totals.Length, totals.Distinct().Count());
    }

    [Theory]
    [InlineData("dti-department-2022")]
    [InlineData("dti-district-2023")]
    [InlineData("dti-commune-2025")]
    [InlineData("dti-province-2022")]
    public async Task Seed_EveryValuePassesTheIndicatorsChecks(string framework)
    {
        var periodId = await PeriodIdAsync(framework);
        var (scores, _) = await demo.InScopeAsync(s => s.GetRequiredService<ResultService>().ScoreAsync(periodId, Ct));

        foreach (var unit in scores.Units)
        {
            Assert.Empty(InputChecks.Failed(unit.Inputs).Select(f => $"{unit.UnitCode} {f.Node.Code}: {f.Check.Text}"));
        }
    }

    [Theory]
    [InlineData("dti-department-2022")]
    [InlineData("dti-district-2023")]
    [InlineData("dti-commune-2025")]
    public async Task Seed_EveryStoredValueIsAcceptedAgain(string framework)
    {
        var periodId = await PeriodIdAsync(framework);
        var codes = await demo.InDbAsync(db => db.PeriodUnits.Where(u => u.PeriodId == periodId).Select(u => u.UnitCode).ToListAsync(Ct));

        foreach (var code in codes)
        {
            var outcome = await demo.InScopeAsync(async s =>
            {
                var values = s.GetRequiredService<ValueService>();
                var read = await values.GetAsync(Actor.System(), periodId, code, Ct);
                var changes = read.Value!.Values.Select(v => new ValueChange(v.Indicator, v.Input, v.Value, v.Version)).ToArray();
                // As seeded: the demo's submitted units are locked to entry through the API.
                return (await values.SaveAsync(Actor.System(), periodId, code, changes, AuditChannel.Seed, cancellationToken: Ct), changes.Length);
            });

            Assert.True(outcome.Item1.Succeeded, $"{code}: {outcome.Item1.Message} {string.Join("; ", outcome.Item1.Problems.Select(p => p.Message))}");
            Assert.Equal(outcome.Length, outcome.Item1.Value!.Values.Count);
        }
    }

    [Fact]
    public async Task Seed_BringsTheFirstDepartmentsThatReportedEverything_ThroughTheReviewCycle_StepByStep()
    {
        var periodId = await PeriodIdAsync("dti-department-2022");
        var complete = (await ResultsAsync("dti-department-2022")).Units.Where(u => u.Complete).Select(u => u.UnitCode).Order(StringComparer.Ordinal).ToArray();
        var (units, submissions, events, notes) = await demo.InDbAsync(async db => (
            await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, Ct),
            await db.Submissions.AsNoTracking().ToListAsync(Ct),
            await db.ReviewEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct),
            await db.ReviewNotes.AsNoTracking().OrderBy(n => n.Id).ToListAsync(Ct)));
        var today = VietnamTime.Today(demo.Database.Services.GetRequiredService<TimeProvider>());
        string[] expected =
        [
            "Submitted", "Submitted", "Approved", "UnderReview", "Returned", "Finalised",
        ];

        // Six units that reported everything, in code order, one per state; the other 14 stay drafts (no row).
        var reviewed = complete.Take(6).ToArray();
        Assert.Equal(
            reviewed.Zip(expected, (code, state) => $"{code} {state}"),
            submissions.Select(s => $"{units[s.UnitId]} {s.State}").Order(StringComparer.Ordinal));
        Assert.All(submissions, s => Assert.Equal(periodId, s.PeriodId));
        Assert.All(events, e => Assert.Equal(periodId, e.PeriodId));

        // Each unit's history, by the demo's accounts: the steps, the evaluator's comments and acceptances.
        string Line(ReviewEvent e) => e.Kind == ReviewEventKind.Transition
            ? $"{e.UserName}: {e.Action} {e.FromState}→{e.ToState}{(e.NewValue is null ? string.Empty : " " + e.NewValue)}"
            : $"{e.UserName}: {e.Kind} {e.Indicator}";
        string[] History(string code) => events.Where(e => units[e.UnitId] == code).Select(Line).ToArray();
        string[] Upto(string code, int steps)
        {
            var unit = code.ToLowerInvariant();
            return new[]
            {
                $"reporter.{unit}: Submit Draft→Submitted",
                $"leader.{unit}: Approve Submitted→Approved",
                "evaluator: StartReview Approved→UnderReview",
            }.Take(steps).ToArray();
        }

        Assert.Equal(Upto(reviewed[0], 1), History(reviewed[0]));
        Assert.Equal(Upto(reviewed[1], 1), History(reviewed[1]));
        Assert.Equal(Upto(reviewed[2], 2), History(reviewed[2]));
        Assert.Equal([.. Upto(reviewed[3], 3), "evaluator: IndicatorAccepted 1.2", "evaluator: IndicatorReturned 1.1"], History(reviewed[3]));
        Assert.Equal(
            [.. Upto(reviewed[4], 3), "evaluator: IndicatorReturned 1.3", $"evaluator: Return UnderReview→Returned {today.AddDays(7):dd/MM/yyyy}"],
            History(reviewed[4]));
        Assert.Equal([.. Upto(reviewed[5], 3), "evaluator: IndicatorAccepted 1.1", "evaluator: Finalise UnderReview→Finalised"], History(reviewed[5]));
        Assert.All(events.Where(e => e.Kind == ReviewEventKind.Transition && e.Action != SubmissionAction.StartReview), e => Assert.False(string.IsNullOrWhiteSpace(e.Text)));

        // Every state change has its history line: from a draft, each transition starts where the last one
        // ended and the last one ends in the submission's state; the version counts the steps.
        foreach (var submission in submissions)
        {
            var transitions = events.Where(e => e.UnitId == submission.UnitId && e.Kind == ReviewEventKind.Transition).ToArray();
            Assert.Equal(SubmissionState.Draft, transitions[0].FromState);
            Assert.All(transitions.Zip(transitions.Skip(1)), pair => Assert.Equal(pair.First.ToState, pair.Second.FromState));
            Assert.Equal(submission.State, transitions[^1].ToState);
            Assert.Equal(transitions.Length, submission.Version);
            Assert.Equal(transitions[^1].UserName, submission.UpdatedBy);
            Assert.Equal(submission.State is SubmissionState.Submitted or SubmissionState.Approved ? 0 : 1, submission.Round);
            Assert.Equal(submission.State == SubmissionState.Returned ? today.AddDays(7) : null, submission.AnswerBy);
        }

        // The comments are in the indicators' threads of the current round, as the form shows them.
        Assert.Equal(
            [
                $"{reviewed[3]} 1.2 Accepted 1 ",
                $"{reviewed[3]} 1.1 Returned 1 Đề nghị bổ sung quyết định thành lập Ban Chỉ đạo chuyển đổi số, ghi rõ người đứng đầu đơn vị là Trưởng ban.",
                $"{reviewed[4]} 1.3 Returned 1 Đề nghị bổ sung kế hoạch và danh sách cán bộ tham dự hội nghị, tập huấn về chuyển đổi số năm 2024.",
                $"{reviewed[5]} 1.1 Accepted 1 ",
            ],
            notes.Select(n => $"{units[n.UnitId]} {n.Indicator} {n.Kind} {n.Round} {n.Text}"));
        Assert.All(notes, n => Assert.Equal("evaluator", n.UserName));
    }

    [Fact]
    public async Task Seed_GivesTheDemoAccountsSomethingToDo()
    {
        var periodId = await PeriodIdAsync("dti-department-2022");
        var reviewed = (await ResultsAsync("dti-department-2022")).Units.Where(u => u.Complete).Select(u => u.UnitCode).Order(StringComparer.Ordinal).Take(6).ToArray();

        async Task<string[]> ToDoOfAsync(string userName) => await demo.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            var actor = new Actor(user.Id, user.UserName!, (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal), user.UnitId);
            var items = await s.GetRequiredService<Application.Review.ToDoService>().ListAsync(actor, Ct);
            return items.Where(i => i.PeriodId == periodId).Select(i => $"{i.UnitCode} {i.Kind}").Order(StringComparer.Ordinal).ToArray();
        });

        Assert.Equal([$"{reviewed[2]} StartReview", $"{reviewed[3]} FinishReview"], await ToDoOfAsync("evaluator"));
        Assert.Equal([$"{reviewed[0]} Approve"], await ToDoOfAsync("leader." + reviewed[0].ToLowerInvariant()));
        Assert.Equal([$"{reviewed[4]} Answer"], await ToDoOfAsync("reporter." + reviewed[4].ToLowerInvariant()));
        Assert.Empty(await ToDoOfAsync("reporter." + reviewed[5].ToLowerInvariant()));
    }

    [Fact]
    public async Task Seed_GivesTheProvinceSelfAssessmentTheCausesOfTheIndicatorsLosingMost()
    {
        var periodId = await PeriodIdAsync("dti-province-2022");
        var gaps = await demo.InScopeAsync(async s =>
            (await s.GetRequiredService<Application.Improvement.GapService>().UnitAsync(Actor.System("test", AuditChannel.Seed), periodId, DemoData.ProvinceCode, cancellationToken: Ct)).Value!);
        var losing = gaps.Items.Where(i => i.PointsLost > 0).ToArray();
        var audited = await demo.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Gap && a.PeriodId == periodId, Ct));

        Assert.True(losing.Length > DemoGaps.Causes, $"{losing.Length} indicators lose points");
        Assert.All(losing.Take(DemoGaps.Causes), i => Assert.Equal(DemoGaps.ByMainIndex.GetValueOrDefault(i.MainIndex, DemoGaps.Fallback), i.Cause?.Text));
        Assert.All(losing.Skip(DemoGaps.Causes), i => Assert.Null(i.Cause));
        Assert.Equal(DemoGaps.Causes, audited);
    }

    [Fact]
    public async Task Seed_ValuesAreAuditedAsSeed()
    {
        var (values, audit) = await demo.InDbAsync(async db =>
            (await db.ReportedValues.CountAsync(Ct), await db.AuditEntries.Where(a => a.Kind == AuditKind.Value && a.Channel == AuditChannel.Seed && a.UserName == "demo").CountAsync(Ct)));

        Assert.True(values > 1000, $"{values} values");
        Assert.Equal(values, audit);
        Assert.Equal(values, demo.Summary.Values);
    }

    [Fact]
    public async Task Seed_ReportsRealisticFigures()
    {
        var periodId = await PeriodIdAsync("dti-department-2022");
        var values = await demo.InDbAsync(db => db.ReportedValues.AsNoTracking().Where(v => v.PeriodId == periodId).ToListAsync(Ct));
        var framework = BuiltInFrameworks.Get("dti-department-2022");

        // Yes/no answers are mostly "có"; choices use every option.
        var answers = values.Where(v => framework.FindInput(v.Indicator, v.Input)!.Kind == InputKind.YesNo).Select(v => v.Value).ToArray();
        Assert.InRange(answers.Count(a => a == "có") / (decimal)answers.Length, 0.6m, 0.95m);
        var leaders = values.Where(v => v.Indicator == "1.1").Select(v => v.Value).Distinct().ToArray();
        Assert.True(leaders.Length >= 2, string.Join(", ", leaders));

        // Amounts in tỷ đồng spent on digital transformation are small.
        foreach (var indicator in new[] { "6.13" })
        {
            Assert.All(
                values.Where(v => v.Indicator == indicator && v.Input is "a" or "b"),
                v => Assert.InRange(decimal.Parse(v.Value, System.Globalization.CultureInfo.InvariantCulture), 0m, 6m));
        }

        // Counts are whole numbers.
        Assert.All(
            values.Where(v => framework.FindInput(v.Indicator, v.Input) is { Kind: InputKind.Number } i && i.Unit != "tỷ đồng"),
            v => Assert.DoesNotContain(".", v.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_CreatesTheDemoAccounts()
    {
        var (users, roles) = await demo.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<OpenDtiDbContext>();
            var all = await db.Users.AsNoTracking().ToListAsync(Ct);
            var byUser = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(Ct);
            return (all, byUser.ToLookup(x => x.UserId, x => x.Name));
        });
        var units = await demo.InDbAsync(db => db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.Department || u.Level == UnitLevel.District).ToListAsync(Ct));

        Assert.Equal(3 + (2 * units.Count), users.Count);
        Assert.Equal(users.Count, demo.Summary.Accounts.Count);
        Assert.Equal([Roles.Administrator], roles[users.Single(u => u.UserName == "admin").Id]);
        Assert.Equal([Roles.Evaluator], roles[users.Single(u => u.UserName == "evaluator").Id]);
        Assert.Equal([Roles.Viewer], roles[users.Single(u => u.UserName == "viewer").Id]);
        foreach (var unit in units)
        {
            var reporter = Assert.Single(users, u => u.UserName == "reporter." + unit.Code.ToLowerInvariant());
            Assert.Equal(unit.Id, reporter.UnitId);
            Assert.Equal([Roles.UnitReporter], roles[reporter.Id]);
            var leader = Assert.Single(users, u => u.UserName == "leader." + unit.Code.ToLowerInvariant());
            Assert.Equal(unit.Id, leader.UnitId);
            Assert.Equal([Roles.UnitLeader], roles[leader.Id]);
        }

        foreach (var name in new[] { "admin", "reporter.so-tttt", "leader.huyen-01" })
        {
            var ok = await demo.InScopeAsync(async s =>
            {
                var manager = s.GetRequiredService<UserManager<AppUser>>();
                var user = await manager.FindByNameAsync(name);
                return user is not null && await manager.CheckPasswordAsync(user, "Demo@12345") && !await manager.CheckPasswordAsync(user, "demo@12345");
            });
            Assert.True(ok, name);
        }

        Assert.Equal(
            "admin, evaluator, viewer, reporter.<mã đơn vị>, leader.<mã đơn vị> (33 đơn vị, ví dụ reporter.so-tttt, leader.huyen-01)",
            demo.Summary.DescribeAccounts());
    }

    [Fact]
    public async Task Seed_Twice_DoesNothingTheSecondTime()
    {
        var before = await CountsAsync();

        var again = await DemoProvince.SeedAsync(demo.Database.Services, Ct);

        Assert.False(again.Seeded);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(demo.Summary.Accounts, again.Accounts);
        Assert.Equal(demo.Summary with { Seeded = false }, again with { Accounts = demo.Summary.Accounts });
    }

    [Fact]
    public async Task Seed_OfTwoEmptyDatabases_GivesTheSameData()
    {
        await using var other = await TestDatabase.CreateAsync();
        await DemoProvince.SeedAsync(other.Services, Ct);

        Assert.Equal(await SnapshotAsync(demo.Database), await SnapshotAsync(other));
    }

    private async Task<(int, int, int, int, int, int, int, int, int)> CountsAsync() =>
        await demo.InDbAsync(async db => (
            await db.Units.CountAsync(Ct),
            await db.UnitProfileValues.CountAsync(Ct),
            await db.Periods.CountAsync(Ct),
            await db.ReportedValues.CountAsync(Ct),
            await db.AuditEntries.CountAsync(Ct),
            await db.Users.CountAsync(Ct),
            await db.UnitEvents.CountAsync(Ct),
            await db.Submissions.CountAsync(Ct),
            await db.ReviewEvents.CountAsync(Ct)));

    private static async Task<string[]> SnapshotAsync(TestDatabase database) =>
        await database.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<OpenDtiDbContext>();
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, Ct);
            var periods = await db.Periods.AsNoTracking().Include(p => p.Framework).ToDictionaryAsync(p => p.Id, p => p.Framework!.Code, Ct);
            var values = (await db.ReportedValues.AsNoTracking().ToListAsync(Ct))
                .Select(v => $"{periods[v.PeriodId]} {units[v.UnitId]} {v.Indicator} {v.Input} = {v.Value}");
            var profiles = (await db.UnitProfileValues.AsNoTracking().ToListAsync(Ct))
                .Select(p => $"{units[p.UnitId]} {p.Year} {p.Key} = {p.Value}");
            var units2 = units.Values.Select(c => "unit " + c);
            var submissions = (await db.Submissions.AsNoTracking().ToListAsync(Ct))
                .Select(x => $"submission {periods[x.PeriodId]} {units[x.UnitId]} {x.State} {x.Round} {x.Version} {x.AnswerBy}");
            var history = (await db.ReviewEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct))
                .Select((e, i) => $"history {i:D3} {units[e.UnitId]} {e.UserName} {e.Kind} {e.Action} {e.FromState} {e.ToState} {e.Indicator} {e.NewValue} {e.Text}");
            return values.Concat(profiles).Concat(units2).Concat(submissions).Concat(history).Order(StringComparer.Ordinal).ToArray();
        });

    private async Task<int> PeriodIdAsync(string framework) =>
        // The current year's period: the past year's (DemoHistory) are seeded after it.
        await demo.InDbAsync(db => db.Periods.Where(p => p.Framework!.Code == framework).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(Ct));

    private async Task<PeriodResults> ResultsAsync(string framework)
    {
        var periodId = await PeriodIdAsync(framework);
        var outcome = await demo.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actor.System(), periodId, Ct));
        return outcome.Value!;
    }
}
