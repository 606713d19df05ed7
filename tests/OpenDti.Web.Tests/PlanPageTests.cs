using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The plan page without a browser: the member chooser, read-only for viewers, bulk assign all or nothing
/// with the problems shown and the choices kept, copy from another period and the baseline pasted as CSV.
/// </summary>
public sealed partial class PlanPageTests : WebAppTest
{
    private string Page(int? period = null, string? unit = "SO-A") =>
        $"/ky-danh-gia/{period ?? Factory.OpenPeriodId}/ke-hoach" + (unit is null ? string.Empty : "?unit=" + unit);

    [Fact]
    public async Task WithoutAUnit_StaffChooseAMember_AndAMembersUserGetsTheirOwn()
    {
        using var evaluator = await SignedInAsync("evaluator");
        using var reporter = await SignedInAsync("reporter.so-b");

        var chooser = await evaluator.GetStringAsync(Page(unit: null), Cancel);
        var own = await reporter.GetStringAsync(Page(unit: null), Cancel);

        Assert.Contains($"href=\"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach?unit=SO-A\"", chooser, StringComparison.Ordinal);
        Assert.Contains($"href=\"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach?unit=SO-B\"", chooser, StringComparison.Ordinal);
        Assert.DoesNotContain("data-indicator", chooser, StringComparison.Ordinal);
        Assert.Contains("Kế hoạch phân công: Sở B", own, StringComparison.Ordinal);
        Assert.Contains("id=\"plan-read-only\"", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_ReadsEveryNode_WithoutAnyForm()
    {
        using var viewer = await SignedInAsync("viewer");

        var html = await viewer.GetStringAsync(Page(), Cancel);

        Assert.Contains("id=\"plan-downloads\"", html, StringComparison.Ordinal);
        Assert.Contains("data-indicator=\"1.1\"", html, StringComparison.Ordinal);
        Assert.Contains("data-indicator=\"6.13\"", html, StringComparison.Ordinal);
        // Downloads only (the seeds' tables): none of the forms that change the plan.
        Assert.All(["handler=Save", "handler=Bulk", "handler=Copy", "handler=Baseline"], handler => Assert.DoesNotContain(handler, html, StringComparison.Ordinal));
        Assert.DoesNotContain("Bulk.Selected", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_AssignsTheChosenNodesTogether_OrNoneWithTheProblemsShownAndTheChoicesKept()
    {
        using var evaluator = await SignedInAsync("evaluator");

        var refused = await PostAsync(evaluator, Page(), "Bulk", [("Bulk.Selected", "1.1"), ("Bulk.Selected", "1.2"), ("Bulk.LeadUnit", "SO-B"), ("Bulk.Deadline", "30/02/2026")]);
        var html = await refused.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"bulk-message\"", html, StringComparison.Ordinal);
        Assert.Matches(BulkDeadlineFocused(), html);
        Assert.Contains("value=\"30/02/2026\"", html, StringComparison.Ordinal);
        Assert.Matches(Checked("1.1"), html);
        Assert.Matches(Checked("1.2"), html);
        Assert.Contains("class=\"depth-2 has-problem\"", html, StringComparison.Ordinal);

        var nothing = await PostAsync(evaluator, Page(), "Bulk", [("Bulk.LeadUnit", "SO-B")]);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("Chưa chọn chỉ tiêu nào", await nothing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var saved = await PostAsync(evaluator, Page(), "Bulk", [("Bulk.Selected", "1.1"), ("Bulk.Selected", "1.2"), ("Bulk.LeadUnit", "SO-B"), ("Bulk.CoordinatingUnits", "TINH"), ("Bulk.Deadline", "31/12/2026")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var api = await Factory.ClientAsync("viewer");
        var plan = await JsonAsync(await api.GetAsync($"/api/periods/{Factory.OpenPeriodId}/plan?unit=SO-A", Cancel));
        var assigned = plan.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("version").GetInt32() > 0)
            .Select(r => (r.GetProperty("indicator").GetString(), r.GetProperty("leadUnit").GetString(), r.GetProperty("coordinatingUnits")[0].GetString(), r.GetProperty("deadline").GetString()))
            .ToArray();
        Assert.Equal([("1.1", "SO-B", "TINH", "31/12/2026"), ("1.2", "SO-B", "TINH", "31/12/2026")], assigned);

        // A second bulk change keeps what it does not set.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(evaluator, Page(), "Bulk", [("Bulk.Selected", "1.2"), ("Bulk.GuidingBody", "Bộ Thông tin và Truyền thông")])).StatusCode);
        var again = (await JsonAsync(await api.GetAsync($"/api/periods/{Factory.OpenPeriodId}/plan?unit=SO-A", Cancel))).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == "1.2");
        Assert.Equal(("SO-B", "31/12/2026", "Bộ Thông tin và Truyền thông", 2), (again.GetProperty("leadUnit").GetString(), again.GetProperty("deadline").GetString(), again.GetProperty("guidingBody").GetString(), again.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Row_ARefusedSave_ShowsTheErrorAtTheField_FocusedWithWhatWasTyped()
    {
        using var evaluator = await SignedInAsync("evaluator");

        var refused = await PostAsync(evaluator, Page() + "&edit=1.3", "Save", [("Row.Indicator", "1.3"), ("Row.Version", "0"), ("Row.Target", "Đạt 20 điểm"), ("Row.Classification", "push")]);
        var html = await refused.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches(ReasonFocused(), html);
        Assert.Contains("id=\"Row_ClassificationReason-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Đạt 20 điểm\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"edit-1.3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_AndBaseline_FromThePage()
    {
        using var evaluator = await SignedInAsync("evaluator");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(evaluator, Page(), "Bulk", [("Bulk.Selected", "1.1"), ("Bulk.LeadUnit", "SO-B")])).StatusCode);

        var draft = await evaluator.GetStringAsync(Page(Factory.DraftPeriodId), Cancel);
        Assert.Contains($"<option value=\"{Factory.OpenPeriodId}\"", draft, StringComparison.Ordinal);
        var copied = await PostAsync(evaluator, Page(Factory.DraftPeriodId), "Copy", [("From", Factory.OpenPeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        // The row written here and SO-A's 2.1 that OpenDtiFactory seeds for delegated entry.
        Assert.Contains("Đã sao chép 2 dòng kế hoạch", await evaluator.GetStringAsync(copied.Headers.Location!.OriginalString, Cancel), StringComparison.Ordinal);

        var unreadable = await PostAsync(evaluator, Page(), "Baseline", [("BaselineText", "don_vi;diem\nSO-A;1")]);
        var html = await unreadable.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("id=\"baseline-message\"", html, StringComparison.Ordinal);
        Assert.Contains("don_vi;diem&#xA;SO-A;1</textarea>", html, StringComparison.Ordinal);

        var imported = await PostAsync(evaluator, Page(), "Baseline", [("BaselineText", "unit;indicator;points;measure\nSO-A;1.1;20;Có\nSO-B;1.1;5;")]);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var after = await evaluator.GetStringAsync(imported.Headers.Location!.OriginalString, Cancel);
        Assert.Contains("Đã nhập 2 dòng kết quả năm trước", after, StringComparison.Ordinal);
        Assert.Contains("badge maintain", after, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient browser, string page, string handler, IEnumerable<(string Name, string Value)> fields)
    {
        var html = await browser.GetStringAsync(page, Cancel);
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(("__RequestVerificationToken", AntiforgeryTokenIn(html))))
        {
            form.Add(new StringContent(value), name);
        }

        return await browser.PostAsync(page + "&handler=" + handler, form, Cancel);
    }

    [GeneratedRegex("id=\"Bulk_Deadline\"[^>]*autofocus")]
    private static partial Regex BulkDeadlineFocused();

    [GeneratedRegex("id=\"Row_ClassificationReason\"[^>]*aria-invalid=\"true\"[^>]*autofocus")]
    private static partial Regex ReasonFocused();

    private static Regex Checked(string code) => new($"value=\"{Regex.Escape(code)}\" checked=\"checked\" aria-label");
}
