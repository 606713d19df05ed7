using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Data.Periods;

namespace OpenDti.Web.Pages.Admin.Periods;

/// <summary>Evaluation periods: the list, a new period, moving a period to another status. For administrators and evaluators.</summary>
public sealed class IndexModel(PeriodService periods, FrameworkCatalog catalog, Application.Units.UnitDirectory units) : AdminPage
{
    /// <summary>Every period, newest year first.</summary>
    public IReadOnlyList<PeriodSummary> Periods { get; private set; } = [];

    /// <summary>The frameworks a period can use.</summary>
    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    /// <summary>Whether the reader also administers (the trail then leads to the admin index).</summary>
    public bool CanAdminister { get; private set; }

    /// <summary>The new period's framework.</summary>
    [BindProperty]
    public string? FrameworkCode { get; set; }

    /// <summary>The year it evaluates.</summary>
    [BindProperty]
    public string? Year { get; set; }

    /// <summary>Its name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The first reporting day (dd/MM/yyyy).</summary>
    [BindProperty]
    public string? OpensOn { get; set; }

    /// <summary>The last reporting day (dd/MM/yyyy).</summary>
    [BindProperty]
    public string? ClosesOn { get; set; }

    /// <summary>How many days after a publication units may appeal.</summary>
    [BindProperty]
    public string? AppealDays { get; set; }

    /// <summary>Where a publication ranks the new period's units whose review is not completed (a <see cref="Data.Periods.UnfinishedRanking"/> name).</summary>
    [BindProperty]
    public string? UnfinishedRanking { get; set; }

    /// <summary>The points a publication shows for them (an <see cref="Data.Periods.UnfinishedPoints"/> name).</summary>
    [BindProperty]
    public string? UnfinishedPoints { get; set; }

    /// <summary>The units evaluated, as codes typed (separated by commas or spaces); with <see cref="Cohort"/>, every active unit of the framework's level when both are empty.</summary>
    [BindProperty]
    public string? UnitCodes { get; set; }

    /// <summary>The units evaluated, ticked in the picker (one code per box).</summary>
    [BindProperty]
    public List<string> Cohort { get; set; } = [];

    /// <summary>The units a cohort can be chosen from: those still active.</summary>
    public IReadOnlyList<Application.Units.UnitSummary> ActiveUnits { get; private set; } = [];

    /// <summary>The cohort's picker, with what was ticked (or typed) kept after a refusal.</summary>
    public UnitPicker CohortPicker => new(
        "cohort",
        nameof(Cohort),
        T("AdminPeriodUnits"),
        T("AdminPeriodUnitsPickerHelp"),
        ActiveUnits,
        Cohort.Concat(AdminForm.Codes(UnitCodes)).ToHashSet(StringComparer.Ordinal));

    /// <summary>The statuses, in the order a period goes through them.</summary>
    public static IReadOnlyList<PeriodStatus> Statuses { get; } = [PeriodStatus.Draft, PeriodStatus.Open, PeriodStatus.Closed, PeriodStatus.Published];

    /// <summary>A value of the rule for units whose review is not completed, in the reader's language ("Xếp sau mọi đơn vị đã hoàn thành thẩm định").</summary>
    public string RuleText<T>(T value)
        where T : struct, Enum => PageText.Capitalized(new AppMessage(typeof(T).Name + value).ToString(Language));

    /// <summary>A status in the reader's language ("đang mở").</summary>
    public string StatusText(PeriodStatus status) => new AppMessage("Status" + status).ToString(Language);

    /// <summary>Shows the periods and the form.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        await LoadAsync(cancellationToken);
    }

    /// <summary>Creates a period (a draft).</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            problems.Add(T("AdminYearInvalid", Year));
        }

        if (!AdminForm.TryParseDay(OpensOn, out var opensOn))
        {
            problems.Add(T("AdminDayInvalid", T("AdminOpensOn"), OpensOn));
        }

        if (!AdminForm.TryParseDay(ClosesOn, out var closesOn))
        {
            problems.Add(T("AdminDayInvalid", T("AdminClosesOn"), ClosesOn));
        }

        var appealDays = Period.DefaultAppealDays;
        if (!string.IsNullOrWhiteSpace(AppealDays) && !int.TryParse(AppealDays, NumberStyles.None, CultureInfo.InvariantCulture, out appealDays))
        {
            problems.Add(T("AdminAppealDaysInvalid", AppealDays));
        }

        var rankingRead = Api.PeriodEndpoints.TryRule<Data.Periods.UnfinishedRanking>(UnfinishedRanking, out var ranking);
        if (!Api.PeriodEndpoints.TryRule<Data.Periods.UnfinishedPoints>(UnfinishedPoints, out var points) || !rankingRead)
        {
            problems.Add(T("UnknownUnfinishedRule"));
        }

        if (problems.Count > 0)
        {
            Fail("create", T("AdminPeriodNotCreated"), problems);
            return await ShowAsync(cancellationToken);
        }

        var codes = Cohort.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Concat(AdminForm.Codes(UnitCodes)).Distinct(StringComparer.Ordinal).ToArray();
        var outcome = await periods.CreateAsync(
            await ActorAsync(),
            FrameworkCode ?? string.Empty,
            year,
            Name ?? string.Empty,
            opensOn,
            closesOn,
            appealDays,
            ranking ?? Data.Periods.UnfinishedRanking.AfterFinalised,
            points ?? Data.Periods.UnfinishedPoints.Zero,
            codes.Length == 0 ? null : codes,
            cancellationToken);
        return Refused(outcome, "create") ?? (outcome.Succeeded ? Done(T("AdminPeriodCreated", outcome.Value!.Name)) : await ShowAsync(cancellationToken));
    }

    /// <summary>Moves a period to another status.</summary>
    public async Task<IActionResult> OnPostStatusAsync(int id, PeriodStatus status, CancellationToken cancellationToken)
    {
        var outcome = await periods.SetStatusAsync(await ActorAsync(), id, status, cancellationToken);
        return Refused(outcome, "list")
            ?? (outcome.Succeeded ? Done(T("AdminPeriodStatusSet", outcome.Value!.Name, StatusText(outcome.Value.Status))) : await ShowAsync(cancellationToken));
    }

    /// <summary>Sets how many days after a publication units of a period may appeal.</summary>
    public async Task<IActionResult> OnPostAppealDaysAsync(int id, string? days, CancellationToken cancellationToken)
    {
        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            Fail("list", T("AdminAppealDaysInvalid", days), []);
            return await ShowAsync(cancellationToken);
        }

        var outcome = await periods.SetAppealDaysAsync(await ActorAsync(), id, number, cancellationToken);
        return Refused(outcome, "list")
            ?? (outcome.Succeeded ? Done(T("AdminAppealDaysSet", outcome.Value!.Name, outcome.Value.AppealDays)) : await ShowAsync(cancellationToken));
    }

    /// <summary>Sets a period's contributors' deadline (dd/MM/yyyy), or removes it when the field is empty.</summary>
    public async Task<IActionResult> OnPostContributorsDeadlineAsync(int id, string? day, CancellationToken cancellationToken)
    {
        DateOnly? value = null;
        if (!string.IsNullOrWhiteSpace(day))
        {
            if (!AdminForm.TryParseDay(day, out var parsed))
            {
                Fail("list", T("AdminDayInvalid", T("AdminContributorsCloseOn"), day), []);
                return await ShowAsync(cancellationToken);
            }

            value = parsed;
        }

        var outcome = await periods.SetContributorsDeadlineAsync(await ActorAsync(), id, value, cancellationToken);
        return Refused(outcome, "list")
            ?? (outcome.Succeeded
                ? Done(outcome.Value!.ContributorsCloseOn is { } set
                    ? T("AdminContributorsDeadlineSet", outcome.Value.Name, PageText.Day(set))
                    : T("AdminContributorsDeadlineRemoved", outcome.Value.Name))
                : await ShowAsync(cancellationToken));
    }

    /// <summary>Sets a period's rule for units whose review is not completed when its results are published.</summary>
    public async Task<IActionResult> OnPostUnfinishedRuleAsync(int id, string? ranking, string? points, CancellationToken cancellationToken)
    {
        if (!Api.PeriodEndpoints.TryRule<Data.Periods.UnfinishedRanking>(ranking, out var rankingValue)
            || !Api.PeriodEndpoints.TryRule<Data.Periods.UnfinishedPoints>(points, out var pointsValue))
        {
            Fail("list", T("UnknownUnfinishedRule"), []);
            return await ShowAsync(cancellationToken);
        }

        var outcome = await periods.SetUnfinishedRuleAsync(await ActorAsync(), id, rankingValue, pointsValue, cancellationToken);
        return Refused(outcome, "list")
            ?? (outcome.Succeeded ? Done(T("AdminUnfinishedRuleSet", outcome.Value!.Name, outcome.Value.UnfinishedRule.ToString(Language))) : await ShowAsync(cancellationToken));
    }

    /// <summary>Sets how a period reads a merged unit's years before its merger (the partial _MergerRule).</summary>
    public async Task<IActionResult> OnPostMergerRuleAsync(int id, string? rule, CancellationToken cancellationToken)
    {
        if (!Api.PeriodEndpoints.TryRule<MergerRule>(rule, out var chosen) || chosen is not { } value)
        {
            Fail("merger-rule", T("AdminMergerRuleUnknown", rule), []);
            return await ShowAsync(cancellationToken);
        }

        var outcome = await periods.SetMergerRuleAsync(await ActorAsync(), id, value, cancellationToken);
        return Refused(outcome, "merger-rule")
            ?? (outcome.Succeeded ? Done(T("AdminMergerRuleSet", outcome.Value!.Name, T("AdminMergerRule" + outcome.Value.MergerRule))) : await ShowAsync(cancellationToken));
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Periods = await periods.ListAsync(cancellationToken);
        Frameworks = await catalog.ListAsync(cancellationToken);
        ActiveUnits = (await units.ListAsync(cancellationToken)).Where(u => u.ClosedOn is null).ToArray();
        CanAdminister = AccessPolicy.CanAdminister(await ActorAsync());
    }
}
