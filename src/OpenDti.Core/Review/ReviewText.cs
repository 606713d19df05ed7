using OpenDti.Core.Text;

namespace OpenDti.Core.Review;

/// <summary>
/// The names of states, steps and participants of the review, in Vietnamese or English, for messages
/// and for the pages (a status badge, a button's label).
/// </summary>
/// <remarks>
/// Names start with a lower-case letter ("đã gửi", "submitted") because they are used inside
/// sentences; a page capitalises them when it shows one alone.
/// </remarks>
public static class ReviewText
{
    /// <summary>The name of <paramref name="state"/>, e.g. "đã gửi" / "submitted".</summary>
    public static ILocalizable Name(SubmissionState state) => new LocalizedText("ReviewState" + state);

    /// <summary>The name of <paramref name="action"/>, e.g. "gửi hồ sơ" / "submit the submission".</summary>
    public static ILocalizable Name(SubmissionAction action) => new LocalizedText("ReviewAction" + action);

    /// <summary>The name of <paramref name="participant"/>, e.g. "lãnh đạo đơn vị" / "the unit's leader".</summary>
    public static ILocalizable Name(Participant participant) => new LocalizedText("ReviewParticipant" + participant);

    /// <summary>Several localizable parts joined by "hoặc" / "or".</summary>
    internal sealed record OrList(IReadOnlyList<ILocalizable> Parts) : ILocalizable
    {
        /// <inheritdoc />
        public string ToString(Language language) =>
            string.Join(Localizer.Format(language, "ListOr"), Parts.Select(p => p.ToString(language)));

        /// <inheritdoc />
        public override string ToString() => ToString(Language.Vietnamese);
    }
}
