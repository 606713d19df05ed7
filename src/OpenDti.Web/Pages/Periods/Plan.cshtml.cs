using System.Text;
using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Plans;
using OpenDti.Data.Plans;
using OpenDti.Exchange.Plans;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A period's plan (phân công, docs/plans.md) for one cohort member: every node of the framework by main index
/// with who guides, leads and coordinates it, last year's result, maintain or push, the target, the deadline
/// and notes. Evaluators change a row, assign many nodes at once, copy another period's plan and import last
/// year's results; everyone else allowed to read it reads it. A refused change is shown beside the field or
/// row it concerns, with the focus moved there and what was typed kept.
/// </summary>
public sealed class PlanModel(CurrentActor current, PlanService plans) : ResultsPage
{
    private const string NoticeKey = "PlanNotice";

    /// <summary>The plan shown, once loaded and allowed.</summary>
    public PeriodPlan? Plan { get; private set; }

    /// <summary>When no member was named and the cohort has several: the members to choose from.</summary>
    public PlanMembers? Choose { get; private set; }

    /// <summary>Whether the reader is a unit's user (the member chooser is then not offered on the plan).</summary>
    public bool UnitUser { get; private set; }

    /// <summary>What the last change did (shown once, after the redirect that follows it).</summary>
    public string? Notice { get; private set; }

    /// <summary>The member asked for (<c>?unit=</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary>Search by code or name (<c>?q=</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Filter by lead unit (<c>?lead=CODE</c>; <c>-</c>: no lead unit yet).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Lead { get; set; }

    /// <summary>Filter by maintain or push (<c>?cls=maintain|push</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Cls { get; set; }

    /// <summary>The node whose row editor is open (<c>?edit=CODE</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Edit { get; set; }

    /// <summary>The row editor's fields.</summary>
    [BindProperty]
    public RowForm Row { get; set; } = new();

    /// <summary>The bulk-assign form's fields.</summary>
    [BindProperty]
    public BulkForm Bulk { get; set; } = new();

    /// <summary>The period to copy the plan from.</summary>
    [BindProperty]
    public int? From { get; set; }

    /// <summary>Last year's results pasted as CSV.</summary>
    [BindProperty]
    public string? BaselineText { get; set; }

    /// <summary>Last year's results uploaded as a CSV file.</summary>
    [BindProperty]
    public IFormFile? BaselineFile { get; set; }

    /// <summary>Why the last form sent was refused, if it was.</summary>
    public PlanFailure? Refusal { get; private set; }

    /// <summary>The nodes shown after the search and filters, in framework order.</summary>
    public IReadOnlyList<PlanItem> Shown { get; private set; } = [];

    /// <summary>Loads the plan, or the member chooser.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Notice = TempData[NoticeKey] as string;
        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is not null)
        {
            return loaded;
        }

        if (Plan is not null && Edit is not null && Plan.CanEdit && Plan.Items.SingleOrDefault(i => i.Indicator == Edit) is { } item)
        {
            Row = RowForm.Of(item);
        }

        return Page();
    }

    /// <summary>Saves one row from the row editor.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var change = new PlanRowChange(
            Row.Indicator ?? string.Empty,
            Row.GuidingBody,
            Row.LeadUnit,
            Row.CoordinatingUnits,
            Row.Target,
            Row.Deadline,
            Row.Note,
            Row.Classification,
            Row.ClassificationReason,
            Row.Version);
        var outcome = await plans.SaveAsync(actor, id, Unit, [change], cancellationToken);
        if (outcome.Succeeded)
        {
            TempData[NoticeKey] = T("PlanPageRowSaved", Row.Indicator);
            return LocalRedirect(Address(edit: null) + "#row-" + Row.Indicator);
        }

        Edit = Row.Indicator;
        return await RefusedAsync(id, outcome, "row", cancellationToken);
    }

    /// <summary>
    /// Assigns the chosen nodes at once: the fields set in the bulk form replace theirs, the others stay; one
    /// save, all or nothing.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var read = await plans.GetAsync(actor, id, Unit, cancellationToken);
        if (!read.Succeeded)
        {
            return Failure(read);
        }

        var chosen = Bulk.Selected.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        var coordinating = Bulk.CoordinatingUnits.Where(c => !string.IsNullOrWhiteSpace(c)).ToArray();
        var nothingSet = string.IsNullOrWhiteSpace(Bulk.LeadUnit) && coordinating.Length == 0 && string.IsNullOrWhiteSpace(Bulk.GuidingBody) && string.IsNullOrWhiteSpace(Bulk.Deadline);
        if (chosen.Length == 0 || nothingSet)
        {
            return await ShowRefusalAsync(id, new PlanFailure("bulk", T(chosen.Length == 0 ? "PlanPageBulkNoneChosen" : "PlanPageBulkNothingSet"), [], chosen.Length == 0 ? "bulk-message" : "Bulk_LeadUnit"), cancellationToken);
        }

        var items = read.Value!.Items.ToDictionary(i => i.Indicator, StringComparer.Ordinal);
        var changes = chosen.Select(code => items.TryGetValue(code, out var item)
                ? new PlanRowChange(
                    code,
                    string.IsNullOrWhiteSpace(Bulk.GuidingBody) ? item.GuidingBody : Bulk.GuidingBody,
                    string.IsNullOrWhiteSpace(Bulk.LeadUnit) ? item.LeadUnit?.Code : Bulk.LeadUnit,
                    coordinating.Length == 0 ? item.CoordinatingUnits.Select(u => u.Code).ToArray() : coordinating,
                    item.Target,
                    string.IsNullOrWhiteSpace(Bulk.Deadline) ? item.Deadline : Bulk.Deadline,
                    item.Note,
                    item.ClassificationOverridden ? ClassificationName(item.Classification) : null,
                    item.ClassificationReason,
                    item.Version)
                : new PlanRowChange(code))
            .ToArray();
        var outcome = await plans.SaveAsync(actor, id, Unit, changes, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData[NoticeKey] = T("PlanPageBulkSaved", changes.Length);
            return LocalRedirect(Address(edit: null));
        }

        return await RefusedAsync(id, outcome, "bulk", cancellationToken);
    }

    /// <summary>Copies another period's plan into this one.</summary>
    public async Task<IActionResult> OnPostCopyAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        if (From is null)
        {
            return await ShowRefusalAsync(id, new PlanFailure("copy", T("PlanPageCopyChoose"), [], "From"), cancellationToken);
        }

        var outcome = await plans.CopyAsync(actor, id, From.Value, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData[NoticeKey] = T("PlanPageCopied", outcome.Value);
            return LocalRedirect(Address(edit: null));
        }

        return await RefusedAsync(id, outcome, "copy", cancellationToken);
    }

    /// <summary>Imports last year's results, pasted or uploaded as CSV (unit,indicator,points,measure).</summary>
    public async Task<IActionResult> OnPostBaselineAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        BaselineCsvResult read;
        string? fileName = null;
        if (BaselineFile is { Length: > 0 } file)
        {
            if (file.Length > Api.PlanEndpoints.MaxBaselineBytes)
            {
                return await ShowRefusalAsync(id, new PlanFailure("baseline", T("RequestTooLarge"), [], "BaselineFile"), cancellationToken);
            }

            fileName = Path.GetFileName(file.FileName);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            read = BaselineCsv.Read(buffer.ToArray(), fileName);
        }
        else
        {
            read = BaselineCsv.Read(BaselineText ?? string.Empty);
        }

        if (!read.Succeeded)
        {
            var errors = read.Diagnostics.Where(d => d.IsError).Select(d => d.Message(Language)).ToArray();
            return await ShowRefusalAsync(id, new PlanFailure("baseline", T("PlanPageBaselineUnreadable", errors.Length), errors, fileName is null ? "BaselineText" : "BaselineFile"), cancellationToken);
        }

        var outcome = await plans.ImportBaselineAsync(actor, id, Api.PlanEndpoints.Entries(read.Rows), cancellationToken);
        if (outcome.Succeeded)
        {
            TempData[NoticeKey] = T("PlanPageBaselineImported", outcome.Value);
            return LocalRedirect(Address(edit: null));
        }

        return await RefusedAsync(id, outcome, "baseline", cancellationToken);
    }

    /// <summary>This page's address with the member and filters, and <paramref name="edit"/> open.</summary>
    public string Address(string? edit, string? handler = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(new(key, value));
            }
        }

        Add("unit", Plan?.UnitCode ?? Unit);
        Add("q", Q);
        Add("lead", Lead);
        Add("cls", Cls);
        Add("edit", edit);
        Add("handler", handler);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.PathBase + Request.Path, query);
    }

    /// <summary>The problems of the failed form <paramref name="form"/> about node <paramref name="indicator"/> (and <paramref name="field"/> when given).</summary>
    public IReadOnlyList<string> ProblemsOf(string form, string? indicator, string? field = null) =>
        Refusal is { } failure && failure.Form == form
            ? failure.Located.Where(p => p.Indicator == indicator && (field is null || p.Field == field)).Select(p => p.Message).ToArray()
            : [];

    /// <summary>Whether the failed form <paramref name="form"/> has a problem about <paramref name="indicator"/>.</summary>
    public bool HasProblem(string form, string indicator) => Refusal is { } failure && failure.Form == form && failure.Located.Any(p => p.Indicator == indicator);

    /// <summary>The failure of form <paramref name="form"/>, if it is the one that failed.</summary>
    public PlanFailure? RefusalOf(string form) => Refusal is { } failure && failure.Form == form ? failure : null;

    /// <summary>"maintain", "push" or null, as the use case reads it.</summary>
    public static string? ClassificationName(PlanClassification? classification) => classification switch
    {
        PlanClassification.Maintain => "maintain",
        PlanClassification.Push => "push",
        _ => null,
    };

    private string T(string key, params object?[] args) => PageText.Get(HttpContext, key, args);

    /// <summary>Loads what the page shows; a response when it cannot be shown as a plan (sign in, refused, the chooser).</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        UnitUser = actor.UnitId is not null;
        var outcome = await plans.GetAsync(actor, id, Unit, cancellationToken);
        if (outcome.Status == OutcomeStatus.Invalid && string.IsNullOrWhiteSpace(Unit))
        {
            var members = await plans.MembersAsync(actor, id, cancellationToken);
            if (!members.Succeeded)
            {
                return Failure(members);
            }

            Choose = members.Value;
            return Page();
        }

        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Plan = outcome.Value!;
        Shown = Filter(Plan.Items);
        return null;
    }

    private IReadOnlyList<PlanItem> Filter(IReadOnlyList<PlanItem> items)
    {
        var search = Q?.Trim();
        var lead = Lead?.Trim();
        var cls = Cls?.Trim().ToLowerInvariant();
        return items.Where(i =>
                (string.IsNullOrEmpty(search)
                    || i.Indicator.StartsWith(search, StringComparison.OrdinalIgnoreCase)
                    || Folded(i.Name).Contains(Folded(search), StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(lead)
                    || (lead == "-" ? i.LeadUnit is null : string.Equals(i.LeadUnit?.Code, lead, StringComparison.OrdinalIgnoreCase)))
                && (string.IsNullOrEmpty(cls) || ClassificationName(i.Classification) == cls))
            .ToArray();
    }

    /// <summary>Text without its accents, so that "dau tu" finds "đầu tư".</summary>
    private static string Folded(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
            }
        }

        return builder.ToString();
    }

    /// <summary>The page again with <paramref name="outcome"/>'s refusal shown at form <paramref name="form"/>, what was typed kept.</summary>
    private async Task<IActionResult> RefusedAsync<T>(int id, Outcome<T> outcome, string form, CancellationToken cancellationToken)
    {
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Failure(outcome);
        }

        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is not null || Plan is null)
        {
            return loaded ?? Page();
        }

        var located = outcome.Problems
            .Select(p => new PlanProblem(p.Indicator, p.Input, p.Message.ToString(Language)))
            .ToArray();
        string? focus = null;
        if (form == "row")
        {
            // A newer version was saved meanwhile: saving again overwrites it knowingly.
            if (outcome.Status == OutcomeStatus.Conflict && Plan.Items.SingleOrDefault(i => i.Indicator == Row.Indicator) is { } item)
            {
                Row.Version = item.Version;
            }

            focus = located.Select(p => RowForm.FieldId(p.Field)).FirstOrDefault(f => f is not null);
        }
        else if (form == "bulk")
        {
            focus = located.Select(p => BulkForm.FieldId(p.Field)).FirstOrDefault(f => f is not null);
        }
        else if (form == "copy")
        {
            focus = "From";
        }

        Refusal = new PlanFailure(
            form,
            outcome.Message?.ToString(Language) ?? string.Empty,
            located.Where(p => form != "row" || RowForm.FieldId(p.Field) is null).Select(p => p.Message).ToArray(),
            focus ?? form + "-message")
        {
            Located = located,
        };
        return Show(outcome.Status == OutcomeStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    /// <summary>The page again with <paramref name="refusal"/> shown (400), what was typed kept.</summary>
    private async Task<IActionResult> ShowRefusalAsync(int id, PlanFailure refusal, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is not null || Plan is null)
        {
            return loaded ?? Page();
        }

        Refusal = refusal;
        return Show(StatusCodes.Status400BadRequest);
    }

    private IActionResult Show(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The row editor's fields (names as the page posts them: <c>Row.LeadUnit</c>, …).</summary>
    public sealed class RowForm
    {
        public string? Indicator { get; set; }

        public string? GuidingBody { get; set; }

        public string? LeadUnit { get; set; }

        public List<string?> CoordinatingUnits { get; set; } = [];

        public string? Target { get; set; }

        public string? Deadline { get; set; }

        public string? Note { get; set; }

        public string? Classification { get; set; }

        public string? ClassificationReason { get; set; }

        public int? Version { get; set; }

        /// <summary>The form filled with <paramref name="item"/>'s row.</summary>
        public static RowForm Of(PlanItem item) => new()
        {
            Indicator = item.Indicator,
            GuidingBody = item.GuidingBody,
            LeadUnit = item.LeadUnit?.Code,
            CoordinatingUnits = [.. item.CoordinatingUnits.Select(u => u.Code)],
            Target = item.Target,
            Deadline = item.Deadline,
            Note = item.Note,
            Classification = item.ClassificationOverridden ? ClassificationName(item.Classification) : null,
            ClassificationReason = item.ClassificationReason,
            Version = item.Version,
        };

        /// <summary>The id of the editor's field for a problem's field, or null when it has none.</summary>
        public static string? FieldId(string? field) => field switch
        {
            "guidingBody" => "Row_GuidingBody",
            "leadUnit" => "Row_LeadUnit",
            "coordinatingUnits" => "Row_CoordinatingUnits",
            "target" => "Row_Target",
            "deadline" => "Row_Deadline",
            "note" => "Row_Note",
            "classification" => "Row_Classification",
            "classificationReason" => "Row_ClassificationReason",
            _ => null,
        };
    }

    /// <summary>The bulk-assign form's fields: the nodes chosen and what to set on all of them.</summary>
    public sealed class BulkForm
    {
        public List<string> Selected { get; set; } = [];

        public string? LeadUnit { get; set; }

        public List<string?> CoordinatingUnits { get; set; } = [];

        public string? GuidingBody { get; set; }

        public string? Deadline { get; set; }

        /// <summary>The id of the bulk form's field for a problem's field, or null when it has none.</summary>
        public static string? FieldId(string? field) => field switch
        {
            "guidingBody" => "Bulk_GuidingBody",
            "leadUnit" => "Bulk_LeadUnit",
            "coordinatingUnits" => "Bulk_CoordinatingUnits",
            "deadline" => "Bulk_Deadline",
            _ => null,
        };
    }
}

/// <summary>A problem of a refused form, by node and field.</summary>
/// <param name="Indicator">The node, when the problem is about one.</param>
/// <param name="Field">The field (the API's name: leadUnit, deadline, …).</param>
/// <param name="Message">What is wrong, in the reader's language.</param>
public sealed record PlanProblem(string? Indicator, string? Field, string Message);

/// <summary>Why a form of the plan page was refused.</summary>
/// <param name="Form">row, bulk, copy or baseline.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Problems">The problems shown at the top of the form (those not about a node, or every one for a file).</param>
/// <param name="Focus">The id of the element that gets the focus.</param>
public sealed record PlanFailure(string Form, string Message, IReadOnlyList<string> Problems, string? Focus)
{
    /// <summary>Every problem with its node and field.</summary>
    public IReadOnlyList<PlanProblem> Located { get; init; } = [];
}
