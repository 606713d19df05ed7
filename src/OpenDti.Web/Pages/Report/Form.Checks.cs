using OpenDti.Application.Access;
using OpenDti.Application.Checks;

namespace OpenDti.Web.Pages.Report;

/// <summary>
/// The form's checks as appraisers make them, shown by <c>_InputChecks.cshtml</c> and <c>_EvidenceChecks.cshtml</c>:
/// the rules between inputs the unit's figures break, and the flags on its evidence (docs/review.md, "Evidence checks").
/// </summary>
public sealed partial class FormModel
{
    /// <summary>The rules between inputs the unit's stored figures break (a <c>level: warn</c> check is saved and shown here).</summary>
    public IReadOnlyList<InputCheckItem> InputChecks { get; private set; } = [];

    /// <summary>The flags on the unit's evidence, by indicator; null when the visitor may not see them (a plan's delegate).</summary>
    public UnitEvidenceChecks? EvidenceChecks { get; private set; }
}
