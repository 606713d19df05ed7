using OpenDti.Application.Review;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;

namespace OpenDti.Web.Pages.Report;

/// <summary>Where one indicator of the form stands, for the outline, the filters, "next" and the confirmations.</summary>
/// <param name="Code">The indicator's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="MainIndex">The code of the main index it belongs to.</param>
/// <param name="Answered">Whether every input has a value.</param>
/// <param name="EvidenceExpected">Whether the framework says what evidence it expects.</param>
/// <param name="HasEvidence">Whether a file is attached.</param>
/// <param name="Review">Where it is in the current round of review (null: no note yet).</param>
/// <param name="Changed">Whether a value changed since the leader approved (evaluators only).</param>
public sealed record IndicatorGuide(string Code, string Name, string MainIndex, bool Answered, bool EvidenceExpected, bool HasEvidence, IndicatorReviewStatus? Review, bool Changed)
{
    /// <summary>Returned in this round (answered or not).</summary>
    public bool Returned => Review is IndicatorReviewStatus.Returned or IndicatorReviewStatus.Answered;

    /// <summary>Not decided in this round.</summary>
    public bool NotReviewed => Review is null or IndicatorReviewStatus.NotReviewed;

    /// <summary>Expected evidence missing.</summary>
    public bool MissingEvidence => EvidenceExpected && !HasEvidence;
}

/// <summary>A main index in the outline, with its counts.</summary>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Indicators">Its indicators with inputs.</param>
public sealed record OutlineEntry(string Code, string Name, IReadOnlyList<IndicatorGuide> Indicators)
{
    /// <summary>Indicators with every input answered.</summary>
    public int Answered => Indicators.Count(i => i.Answered);

    /// <summary>Indicators with a file attached.</summary>
    public int WithEvidence => Indicators.Count(i => i.HasEvidence);

    /// <summary>Indicators returned in this round.</summary>
    public int Returned => Indicators.Count(i => i.Returned);

    /// <summary>Indicators changed since approval.</summary>
    public int Changed => Indicators.Count(i => i.Changed);
}

/// <summary>The form's guide: the outline by main index, the filters, "next indicator needing me", the returned indicators and the confirmations.</summary>
public sealed partial class FormModel
{
    /// <summary>The filters of the form, by the value of <c>?loc=</c>.</summary>
    public static readonly string[] Filters = ["", "can-xu-ly", "tra-lai", "chua-tra-loi", "thieu-minh-chung", "da-sua"];

    /// <summary>The string of each filter's name.</summary>
    public static readonly IReadOnlyDictionary<string, string> FilterNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [""] = "FilterAll",
        ["can-xu-ly"] = "FilterNeedsMe",
        ["tra-lai"] = "FilterReturned",
        ["chua-tra-loi"] = "FilterUnanswered",
        ["thieu-minh-chung"] = "FilterNoEvidence",
        ["da-sua"] = "FilterChanged",
    };

    /// <summary>The steps asked to be confirmed, with what is missing listed, before they are taken.</summary>
    public static readonly SubmissionAction[] Confirmed = [SubmissionAction.Submit, SubmissionAction.Resubmit, SubmissionAction.Finalise];

    private IReadOnlyList<IndicatorGuide>? guides;

    /// <summary>The step being confirmed (the form shows what is missing and asks again), if any.</summary>
    public SubmissionAction? ConfirmStep { get; private set; }

    /// <summary>The comment sent with the step being confirmed, kept for the second press.</summary>
    public string? ConfirmComment { get; private set; }

    /// <summary>The answer day typed with a refused or confirmed step, shown again.</summary>
    public string? TypedAnswerBy { get; private set; }

    /// <summary>The filter chosen (one of <see cref="Filters"/>).</summary>
    public string Filter
    {
        get
        {
            var asked = Request.Query["loc"].ToString();
            return Filters.Contains(asked, StringComparer.Ordinal) && asked != "da-sua" || (asked == "da-sua" && Changes is not null) ? asked : string.Empty;
        }
    }

    /// <summary>Every indicator with inputs, in the form's order.</summary>
    public IReadOnlyList<IndicatorGuide> Guides => guides ??= BuildGuides();

    /// <summary>The main indices with their counts.</summary>
    public IReadOnlyList<OutlineEntry> Outline => Form.Nodes
        .Where(n => n.Node.Kind == NodeKind.MainIndex)
        .Select(n => new OutlineEntry(n.Node.Code.Value, n.Node.Name, Guides.Where(g => g.MainIndex == n.Node.Code.Value).ToArray()))
        .ToArray();

    /// <summary>The guide of <paramref name="code"/>.</summary>
    public IndicatorGuide? GuideOf(string code) => Guides.FirstOrDefault(g => g.Code == code);

    /// <summary>Whether the visitor reviews indicators now (evaluators, the submission under review).</summary>
    public bool Deciding => Form.Delegation is null && Reviews && Submission.State == SubmissionState.UnderReview;

    /// <summary>Whether <paramref name="guide"/> needs the visitor: a decision for an evaluator reviewing; a value, an answer or evidence for the unit.</summary>
    public bool NeedsMe(IndicatorGuide guide)
    {
        if (Deciding)
        {
            return guide.NotReviewed;
        }

        if (Reviews || !Form.CanWrite && !(AnswersForUnit && Submission?.State == SubmissionState.Returned))
        {
            return false;
        }

        return !guide.Answered || guide.MissingEvidence || (Submission?.State == SubmissionState.Returned && guide.Review == IndicatorReviewStatus.Returned);
    }

    /// <summary>Whether <paramref name="guide"/> passes <paramref name="filter"/>.</summary>
    public bool Passes(IndicatorGuide guide, string filter) => filter switch
    {
        "can-xu-ly" => NeedsMe(guide),
        "tra-lai" => guide.Returned,
        "chua-tra-loi" => !guide.Answered,
        "thieu-minh-chung" => !guide.HasEvidence,
        "da-sua" => guide.Changed,
        _ => true,
    };

    /// <summary>What is missing before <paramref name="action"/>, by what is missing: no value, no evidence expected, not answered, not reviewed.</summary>
    public IReadOnlyList<(string Label, IReadOnlyList<IndicatorGuide> Indicators)> MissingFor(SubmissionAction action)
    {
        var lists = new List<(string, IReadOnlyList<IndicatorGuide>)>();
        void Add(string key, Func<IndicatorGuide, bool> missing)
        {
            var found = Guides.Where(missing).ToArray();
            if (found.Length > 0)
            {
                lists.Add((key, found));
            }
        }

        if (action == SubmissionAction.Finalise)
        {
            Add("MissingNotReviewed", g => g.NotReviewed);
            Add("MissingOpenComment", g => g.Review is IndicatorReviewStatus.Returned or IndicatorReviewStatus.Answered);
        }
        else
        {
            Add("MissingValues", g => !g.Answered);
            Add("MissingEvidence", g => g.MissingEvidence);
            if (action == SubmissionAction.Resubmit)
            {
                Add("MissingAnswers", g => g.Review == IndicatorReviewStatus.Returned);
            }
        }

        return lists;
    }

    /// <summary>The indicators returned in this round, for the header of a returned dossier.</summary>
    public IReadOnlyList<IndicatorGuide> ReturnedIndicators => Form.Delegation is null && Submission.State == SubmissionState.Returned
        ? Guides.Where(g => g.Returned).ToArray()
        : [];

    private IndicatorGuide[] BuildGuides()
    {
        var changed = Changes?.Inputs.Select(c => c.Indicator).ToHashSet(StringComparer.Ordinal) ?? [];
        return Form.Nodes
            .Where(n => n.Inputs.Count > 0)
            .Select(n =>
            {
                var main = n.Node;
                while (main.Kind != NodeKind.MainIndex && main.Parent is not null)
                {
                    main = main.Parent;
                }

                var code = n.Node.Code.Value;
                return new IndicatorGuide(
                    code,
                    n.Node.Name,
                    main.Code.Value,
                    n.Inputs.All(i => i.Text.Length > 0),
                    n.Node.Evidence is not null,
                    Evidence.Contains(code),
                    Form.Delegation is null ? Threads.For(code)?.Status : null,
                    changed.Contains(code));
            })
            .ToArray();
    }
}

/// <summary>The form's days: written dd/MM/yyyy whatever the browser's locale; yyyy-MM-dd is still read (what a date input sent before).</summary>
internal static class PageDates
{
    /// <summary>Reads a day written dd/MM/yyyy (or d/M/yyyy), or yyyy-MM-dd.</summary>
    public static bool TryParse(string? text, out DateOnly day) =>
        Admin.AdminForm.TryParseDay(text, out day)
        || DateOnly.TryParseExact(text?.Trim(), "yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);
}
