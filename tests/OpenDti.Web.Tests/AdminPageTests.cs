using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Periods;
using OpenDti.Application.Units;
using OpenDti.Data.Periods;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The administrator's pages under /quan-tri as people use them: who may open each one (checked on
/// the server, whatever links are shown), what each shows, and each form doing its work or saying
/// plainly why not.
/// </summary>
public sealed class AdminPageTests : WebAppTest
{
    private static readonly string[] AdminOnly =
    [
        "/quan-tri",
        "/quan-tri/tai-khoan",
        "/quan-tri/tai-khoan-dich-vu",
        "/quan-tri/don-vi",
        "/quan-tri/don-vi/SO-A",
        "/quan-tri/bo-chi-so",
        "/quan-tri/bo-chi-so/dti-department-2022",
        "/quan-tri/bo-chi-so/dti-department-2022?handler=Export",
        "/quan-tri/bo-chi-so/so-sanh",
    ];

    private static readonly string[] NotAdministrators = ["evaluator", "viewer", "reporter.so-a", "leader.so-a"];

    public static TheoryData<string> AllPaths() => [.. AdminOnly, "/quan-tri/ky-danh-gia"];

    public static TheoryData<string, string> AdminOnlyByRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in AdminOnly)
        {
            foreach (var user in NotAdministrators)
            {
                data.Add(path, user);
            }
        }

        return data;
    }

    // ---- Who may open the pages

    [Theory]
    [MemberData(nameof(AllPaths))]
    public async Task AdminPage_SendsAnonymousVisitorsToSignIn(string path)
    {
        using var browser = Browser();

        var response = await browser.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dang-nhap", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminOnlyByRole))]
    public async Task AdminPage_IsRefusedToEveryRoleButAdministrators(string path, string user)
    {
        using var browser = await SignedInAsync(user);

        var response = await browser.GetAsync(path, Cancel);

        AssertRefused(response);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("reporter.so-a")]
    [InlineData("leader.so-a")]
    public async Task PeriodsPage_IsRefusedToUnitUsersAndViewers(string user)
    {
        using var browser = await SignedInAsync(user);

        var response = await browser.GetAsync("/quan-tri/ky-danh-gia", Cancel);

        AssertRefused(response);
    }

    [Fact]
    public async Task PeriodsPage_IsOpenToEvaluators_WithoutTheAdminIndexInTheTrail()
    {
        using var browser = await SignedInAsync("evaluator");

        var html = await browser.GetStringAsync("/quan-tri/ky-danh-gia", Cancel);

        Assert.Contains("<title>Kỳ đánh giá · OpenDti</title>", html, StringComparison.Ordinal);
        Assert.Contains("Kỳ mở", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/quan-tri\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminForm_SentByAnotherRole_IsRefused_AndChangesNothing()
    {
        using var admin = await SignedInAsync("admin");
        var form = await admin.GetStringAsync("/quan-tri/don-vi", Cancel);
        using var evaluator = await SignedInAsync("evaluator");
        var evaluatorToken = AntiforgeryTokenIn(await evaluator.GetStringAsync("/quan-tri/ky-danh-gia", Cancel));

        var response = await evaluator.PostAsync("/quan-tri/don-vi?handler=Create", Form(evaluatorToken, new()
        {
            ["Code"] = "SO-LA",
            ["Name"] = "Sở lạ",
            ["Level"] = "Department",
            ["ParentCode"] = "TINH",
        }), Cancel);

        Assert.Contains("Thêm đơn vị", form, StringComparison.Ordinal);
        AssertRefused(response);
        Assert.False((await InScopeAsync(s => s.GetRequiredService<UnitDirectory>().GetAsync("SO-LA"))).Succeeded);
    }

    [Theory]
    [InlineData("/quan-tri", "Quản trị", "/quan-tri/bo-chi-so")]
    [InlineData("/quan-tri/tai-khoan", "Tài khoản", "Người kê khai của đơn vị")]
    [InlineData("/quan-tri/don-vi", "Đơn vị", "Sở, ban, ngành")]
    [InlineData("/quan-tri/don-vi/SO-A", "SO-A — Sở A", "Thông tin chung năm")]
    [InlineData("/quan-tri/bo-chi-so", "Bộ chỉ số", "dti-province-2022")]
    [InlineData("/quan-tri/bo-chi-so/dti-province-2022", "dti-province-2022 — ", "tạm tính")]
    [InlineData("/quan-tri/bo-chi-so/so-sanh", "So sánh hai bộ chỉ số", "Phiên bản cũ")]
    [InlineData("/quan-tri/ky-danh-gia", "Kỳ đánh giá", "đang mở")]
    [InlineData("/quan-tri/tai-khoan-dich-vu", "Tài khoản dịch vụ", "Chưa có tài khoản dịch vụ nào.")]
    public async Task AdminPage_OpensForAdministrators_WithItsTitleAndContent(string path, string title, string content)
    {
        using var browser = await SignedInAsync("admin");

        var html = await browser.GetStringAsync(path, Cancel);

        Assert.Contains($"<title>{title}", html, StringComparison.Ordinal);
        Assert.Contains(content, html, StringComparison.Ordinal);
        Assert.Contains("/css/admin.css", html, StringComparison.Ordinal);
        Assert.Contains(path == "/quan-tri" ? "<li aria-current=\"page\">Quản trị</li>" : "<li><a href=\"/quan-tri\">Quản trị</a></li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsPage_NamesRolesInVietnamese_WithUnitsAndLockOut()
    {
        using var browser = await SignedInAsync("admin");

        var html = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);

        Assert.Matches(@"<td>reporter\.so-a</td>\s*<td>reporter\.so-a</td>\s*<td>Người kê khai của đơn vị</td>\s*<td>SO-A</td>\s*<td>Không</td>", html);
        Assert.Matches(@"<td>evaluator</td>\s*<td>evaluator</td>\s*<td>Cán bộ thẩm định</td>\s*<td>—</td>", html);
        Assert.Matches("<label for=\"Password\">Mật khẩu ban đầu</label>", html);
    }

    // ---- Accounts

    [Fact]
    public async Task CreateAccount_ThenItsOwnerSignsIn()
    {
        using var browser = await SignedInAsync("admin");

        var created = await PostAsync(browser, "/quan-tri/tai-khoan", "Create", new()
        {
            ["UserName"] = "reporter.so-b2",
            ["DisplayName"] = "Trần Thị B",
            ["Role"] = "UnitReporter",
            ["UnitCode"] = "SO-B",
            ["Password"] = "Moi@Khau2025",
        });
        var list = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);
        using var owner = Browser();
        var signIn = await SignInAsync(owner, "reporter.so-b2", "Moi@Khau2025");

        Assert.Equal("/quan-tri/tai-khoan", created.Headers.Location!.OriginalString);
        Assert.Contains("Đã tạo tài khoản reporter.so-b2.", list, StringComparison.Ordinal);
        Assert.Matches(@"<td>reporter\.so-b2</td>\s*<td>Trần Thị B</td>\s*<td>Người kê khai của đơn vị</td>\s*<td>SO-B</td>", list);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AccountsPage_AndApi_SayWhenEachPersonLastSignedIn_OnThePageOrForAToken()
    {
        using var browser = await SignedInAsync("admin");
        await PostAsync(browser, "/quan-tri/tai-khoan", "Create", new()
        {
            ["UserName"] = "viewer.moi",
            ["DisplayName"] = "Lê Văn C",
            ["Role"] = "Viewer",
            ["Password"] = "Moi@Khau2025",
        });
        const string row = @"<td>viewer\.moi</td>\s*<td>Lê Văn C</td>\s*<td>Người xem</td>\s*<td>—</td>\s*<td>Không</td>\s*<td>";

        var before = await browser.GetStringAsync("/quan-tri/tai-khoan?q=viewer.moi", Cancel);
        using var owner = Browser();
        await SignInAsync(owner, "viewer.moi", "Moi@Khau2025");
        var after = await browser.GetStringAsync("/quan-tri/tai-khoan?q=viewer.moi", Cancel);
        using var admin = await Factory.ClientAsync("admin");
        var listed = (await JsonAsync(await admin.GetAsync("/api/accounts", Cancel))).EnumerateArray()
            .ToDictionary(a => a.GetProperty("userName").GetString()!, a => a.GetProperty("lastSignIn"));

        Assert.Matches(row + "Chưa đăng nhập</td>", before);
        Assert.Matches(row + @"\d{2}/\d{2}/\d{4} \d{2}:\d{2}</td>", after);
        Assert.Equal(System.Text.Json.JsonValueKind.String, listed["viewer.moi"].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.String, listed["admin"].ValueKind); // the token just issued is a sign-in too
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed["leader.so-b"].ValueKind);
    }

    [Fact]
    public async Task CreateAccount_WithAWeakPassword_ListsEachRule_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");

        var response = await PostAsync(browser, "/quan-tri/tai-khoan", "Create", new()
        {
            ["UserName"] = "viewer2",
            ["DisplayName"] = "Lê Văn C",
            ["Role"] = "Viewer",
            ["UnitCode"] = "",
            ["Password"] = "abc",
        });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div class=\"alert\" role=\"alert\">", html, StringComparison.Ordinal);
        Assert.Contains("không tạo được tài khoản `viewer2`", html, StringComparison.Ordinal);
        Assert.Contains("<li>mật khẩu phải có ít nhất 12 ký tự</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>mật khẩu phải có ít nhất một chữ số</li>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"viewer2\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Lê Văn C\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Viewer\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"abc\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockAccount_StopsItsSignIn_AndUnlockLetsItBackIn()
    {
        using var browser = await SignedInAsync("admin");

        await PostAsync(browser, "/quan-tri/tai-khoan", "Lock", new() { ["userName"] = "viewer" });
        var whileLocked = await SignInAsync(Browser(), "viewer", OpenDtiFactory.Password);
        await PostAsync(browser, "/quan-tri/tai-khoan", "Unlock", new() { ["userName"] = "viewer" });
        var afterUnlock = await SignInAsync(Browser(), "viewer", OpenDtiFactory.Password);

        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode);
        Assert.Contains("Tài khoản tạm khóa", await whileLocked.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("/", afterUnlock.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ResetPassword_LetsTheOwnerSignInWithTheNewOne()
    {
        using var browser = await SignedInAsync("admin");

        var reset = await PostAsync(browser, "/quan-tri/tai-khoan", "Reset", new() { ["ResetUserName"] = "leader.so-a", ["NewPassword"] = "Khac@Khau2025" });
        var signIn = await SignInAsync(Browser(), "leader.so-a", "Khac@Khau2025");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ChangeRole_ShowsTheNewRoleAndUnitInTheRow()
    {
        using var browser = await SignedInAsync("admin");

        var changed = await PostAsync(browser, "/quan-tri/tai-khoan", "ChangeRole", new()
        {
            ["userName"] = "reporter.so-a",
            ["NewRole"] = "UnitLeader",
            ["NewUnitCode"] = "SO-B",
        });
        var list = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);

        Assert.Equal("/quan-tri/tai-khoan", changed.Headers.Location!.OriginalString);
        Assert.Contains("Đã đổi vai trò, đơn vị của tài khoản reporter.so-a.", list, StringComparison.Ordinal);
        Assert.Matches(@"<td>reporter\.so-a</td>\s*<td>reporter\.so-a</td>\s*<td>Lãnh đạo đơn vị</td>\s*<td>SO-B</td>", list);
        Assert.Matches("<label for=\"NewRole-\\d+\">Vai trò mới</label>", list);
        Assert.Matches("<label class=\"check\" for=\"ConfirmDelete-\\d+\"><input type=\"checkbox\" id=\"ConfirmDelete-\\d+\" name=\"ConfirmDelete\" value=\"true\" /> Tôi chắc chắn muốn xóa tài khoản này</label>", list);
    }

    [Fact]
    public async Task ChangeRole_Refused_SaysWhyAtTheTopOfThatRowsForm_AndKeepsTheRole()
    {
        using var browser = await SignedInAsync("admin");

        var ownRole = await PostAsync(browser, "/quan-tri/tai-khoan", "ChangeRole", new() { ["userName"] = "admin", ["NewRole"] = "Viewer", ["NewUnitCode"] = "" });
        var noUnit = await PostAsync(browser, "/quan-tri/tai-khoan", "ChangeRole", new() { ["userName"] = "viewer", ["NewRole"] = "UnitReporter", ["NewUnitCode"] = "" });
        var ownRoleHtml = await ownRole.Content.ReadAsStringAsync(Cancel);
        var noUnitHtml = await noUnit.Content.ReadAsStringAsync(Cancel);
        var list = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);

        Assert.Equal(HttpStatusCode.OK, ownRole.StatusCode);
        Assert.Matches(
            @"<details open=""open"">\s*<summary>Đổi vai trò hoặc xóa <span class=""visually-hidden"">admin</span></summary>\s*<form method=""post"" class=""admin-form"" action=""/quan-tri/tai-khoan\?handler=ChangeRole"">\s*<div class=""alert"" role=""alert"">\s*<p>không thể tự bỏ vai trò quản trị viên của mình</p>",
            ownRoleHtml);
        Assert.Single(Regex.Matches(ownRoleHtml, "role=\"alert\""));
        Assert.Contains("tài khoản vai trò UnitReporter phải thuộc một đơn vị", noUnitHtml, StringComparison.Ordinal);
        Assert.Matches(@"<select id=""NewRole-\d+"" name=""NewRole"" required>\s*(<option[^>]*>[^<]*</option>\s*){2}<option value=""UnitReporter"" selected=""selected"">", noUnitHtml);
        Assert.Matches(@"<td>admin</td>\s*<td>admin</td>\s*<td>Quản trị viên</td>", list);
        Assert.Matches(@"<td>viewer</td>\s*<td>viewer</td>\s*<td>Người xem</td>\s*<td>—</td>", list);
    }

    [Fact]
    public async Task CreateAccount_WithAnEmail_ShowsItInTheRow_AndItsOwnerSeesItAtHome()
    {
        using var browser = await SignedInAsync("admin");

        var created = await PostAsync(browser, "/quan-tri/tai-khoan", "Create", new()
        {
            ["UserName"] = "reporter.so-b2",
            ["DisplayName"] = "Trần Thị B",
            ["Role"] = "UnitReporter",
            ["UnitCode"] = "SO-B",
            ["Email"] = " tran.b@sob.gov.vn ",
            ["Password"] = "Moi@Khau2025",
        });
        var list = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);
        using var owner = Browser();
        await SignInAsync(owner, "reporter.so-b2", "Moi@Khau2025");
        var home = await owner.GetStringAsync("/", Cancel);

        Assert.Equal("/quan-tri/tai-khoan", created.Headers.Location!.OriginalString);
        Assert.Matches(@"<td>reporter\.so-b2</td>\s*<td>Trần Thị B</td>\s*<td>Người kê khai của đơn vị</td>\s*<td>SO-B</td>\s*<td>Không</td>\s*<td>Chưa đăng nhập</td>\s*<td>\s*tran\.b@sob\.gov\.vn\s*<details>", list);
        Assert.Contains("<label for=\"Email\">Thư điện tử (không bắt buộc)</label>", list, StringComparison.Ordinal);
        Assert.Contains("<p class=\"muted\" data-own-email>Thư nhắc việc gửi tới: tran.b@sob.gov.vn</p>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAccount_WithAWrongEmail_SaysWhy_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");

        var response = await PostAsync(browser, "/quan-tri/tai-khoan", "Create", new()
        {
            ["UserName"] = "viewer2",
            ["Role"] = "Viewer",
            ["UnitCode"] = "",
            ["Email"] = "viewer2@",
            ["Password"] = "Moi@Khau2025",
        });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<li>`viewer2@` không phải là một địa chỉ thư điện tử (ví dụ: ten@stttt.gov.vn)</li>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Email\" name=\"Email\" type=\"email\" value=\"viewer2@\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>viewer2</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEmail_ShowsTheAddressInTheRow_ThenClearingItRemovesIt()
    {
        using var browser = await SignedInAsync("admin");

        var set = await PostAsync(browser, "/quan-tri/tai-khoan", "Email", new() { ["userName"] = "leader.so-a", ["NewEmail"] = "lanhdao@soa.gov.vn" });
        var afterSet = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);
        using var leader = await SignedInAsync("leader.so-a");
        var leaderHome = await leader.GetStringAsync("/", Cancel);
        var cleared = await PostAsync(browser, "/quan-tri/tai-khoan", "Email", new() { ["userName"] = "leader.so-a", ["NewEmail"] = "" });
        var afterClear = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);
        var leaderHomeAfter = await leader.GetStringAsync("/", Cancel);

        Assert.Equal("/quan-tri/tai-khoan", set.Headers.Location!.OriginalString);
        Assert.Contains("Đã lưu địa chỉ thư điện tử lanhdao@soa.gov.vn cho tài khoản leader.so-a.", afterSet, StringComparison.Ordinal);
        Assert.Matches(@"<td>leader\.so-a</td>(\s*<td>[^<]*</td>){4}\s*<td>\s*lanhdao@soa\.gov\.vn\s*<details>", afterSet);
        Assert.Contains("<p class=\"muted\" data-own-email>Thư nhắc việc gửi tới: lanhdao@soa.gov.vn</p>", leaderHome, StringComparison.Ordinal);
        Assert.Equal("/quan-tri/tai-khoan", cleared.Headers.Location!.OriginalString);
        Assert.Contains("Đã xóa địa chỉ thư điện tử của tài khoản leader.so-a.", afterClear, StringComparison.Ordinal);
        Assert.Matches(@"<td>leader\.so-a</td>(\s*<td>[^<]*</td>){4}\s*<td>\s*—\s*<details>", afterClear);

        // Setting the address did not end the leader's session.
        Assert.Contains("Tài khoản chưa có địa chỉ thư điện tử nên không nhận thư nhắc việc", leaderHomeAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEmail_Wrong_SaysWhyAtTheTopOfThatRowsForm_OpenWithWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");
        await PostAsync(browser, "/quan-tri/tai-khoan", "Email", new() { ["userName"] = "viewer", ["NewEmail"] = "xem@ubnd.gov.vn" });

        var response = await PostAsync(browser, "/quan-tri/tai-khoan", "Email", new() { ["userName"] = "viewer", ["NewEmail"] = "Người xem <xem@ubnd.gov.vn>" });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(
            @"<details open=""open"">\s*<summary>Đổi thư điện tử <span class=""visually-hidden"">viewer</span></summary>\s*<form method=""post"" class=""admin-form"" action=""/quan-tri/tai-khoan\?handler=Email"">\s*<div class=""alert"" role=""alert"">\s*<p>không đổi được địa chỉ thư điện tử của tài khoản `viewer`</p>\s*<ul>\s*<li>`Người xem &lt;xem@ubnd.gov.vn&gt;` không phải là một địa chỉ thư điện tử",
            html);
        Assert.Contains("name=\"NewEmail\" type=\"email\" value=\"Người xem &lt;xem@ubnd.gov.vn&gt;\"", html, StringComparison.Ordinal);
        Assert.Matches(@"<td>viewer</td>(\s*<td>[^<]*</td>){4}\s*<td>\s*xem@ubnd\.gov\.vn\s*<details open=""open"">", html);
    }

    [Fact]
    public async Task DeleteAccount_WithoutTheConfirmation_KeepsIt_AndSaysSo()
    {
        using var browser = await SignedInAsync("admin");

        var response = await PostAsync(browser, "/quan-tri/tai-khoan", "Delete", new() { ["userName"] = "viewer" });
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var signIn = await SignInAsync(Browser(), "viewer", OpenDtiFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(
            @"action=""/quan-tri/tai-khoan\?handler=Delete"">\s*<div class=""alert"" role=""alert"">\s*<p>Tài khoản viewer chưa bị xóa: hãy đánh dấu ô &quot;Tôi chắc chắn muốn xóa tài khoản này&quot; trước khi xóa.</p>",
            html);
        Assert.Contains("<td>viewer</td>", html, StringComparison.Ordinal);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DeleteAccount_WithTheConfirmation_RemovesItsRow_AndItsSignIn()
    {
        using var browser = await SignedInAsync("admin");

        var deleted = await PostAsync(browser, "/quan-tri/tai-khoan", "Delete", new() { ["userName"] = "viewer", ["ConfirmDelete"] = "true" });
        var list = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);
        var signIn = await SignInAsync(Browser(), "viewer", OpenDtiFactory.Password);

        Assert.Equal("/quan-tri/tai-khoan", deleted.Headers.Location!.OriginalString);
        Assert.Contains("Đã xóa tài khoản viewer; số liệu và nhật ký thay đổi của tài khoản vẫn được giữ.", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>viewer</td>", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_OfOneself_IsRefused_AtTheTopOfThatForm()
    {
        using var browser = await SignedInAsync("admin");

        var response = await PostAsync(browser, "/quan-tri/tai-khoan", "Delete", new() { ["userName"] = "admin", ["ConfirmDelete"] = "true" });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"action=""/quan-tri/tai-khoan\?handler=Delete"">\s*<div class=""alert"" role=""alert"">\s*<p>không thể tự xóa tài khoản của mình</p>", html);
        Assert.Contains("<td>admin</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluator")]
    [InlineData("viewer")]
    [InlineData("reporter.so-a")]
    [InlineData("leader.so-a")]
    public async Task ChangeRoleDeleteOrEmail_SentByAnotherRole_IsRefused_AndChangesNothing(string user)
    {
        using var browser = await SignedInAsync(user);
        var token = AntiforgeryTokenIn(await browser.GetStringAsync("/", Cancel));

        var changed = await browser.PostAsync("/quan-tri/tai-khoan?handler=ChangeRole", Form(token, new()
        {
            ["userName"] = user,
            ["NewRole"] = "Administrator",
            ["NewUnitCode"] = "",
        }), Cancel);
        var deleted = await browser.PostAsync("/quan-tri/tai-khoan?handler=Delete", Form(token, new() { ["userName"] = "reporter.so-b", ["ConfirmDelete"] = "true" }), Cancel);
        var email = await browser.PostAsync("/quan-tri/tai-khoan?handler=Email", Form(token, new() { ["userName"] = "reporter.so-b", ["NewEmail"] = "ke.gian@vi.du" }), Cancel);
        using var admin = await SignedInAsync("admin");
        var list = await admin.GetStringAsync("/quan-tri/tai-khoan", Cancel);

        Assert.NotEmpty(token);
        AssertRefused(changed);
        AssertRefused(deleted);
        AssertRefused(email);
        Assert.DoesNotContain("ke.gian@vi.du", list, StringComparison.Ordinal);
        Assert.Matches(@"<td>admin</td>\s*<td>admin</td>\s*<td>Quản trị viên</td>", list);
        Assert.Single(Regex.Matches(list, "<td>Quản trị viên</td>"));
        Assert.Matches(@"<td>reporter\.so-b</td>\s*<td>reporter\.so-b</td>\s*<td>Người kê khai của đơn vị</td>\s*<td>SO-B</td>", list);
    }

    // ---- Units

    [Fact]
    public async Task CreateUnit_ShowsItUnderItsLevel()
    {
        using var browser = await SignedInAsync("admin");

        var created = await PostAsync(browser, "/quan-tri/don-vi", "Create", new()
        {
            ["Code"] = "HUYEN-9",
            ["Name"] = "Huyện Chín",
            ["Level"] = "District",
            ["ParentCode"] = "TINH",
            ["ActiveFrom"] = "01/07/2023",
        });
        var list = await browser.GetStringAsync("/quan-tri/don-vi", Cancel);
        var page = await browser.GetStringAsync("/quan-tri/don-vi/HUYEN-9", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Đã thêm đơn vị HUYEN-9.", list, StringComparison.Ordinal);
        var districts = list[list.IndexOf("id=\"level-District\"", StringComparison.Ordinal)..list.IndexOf("id=\"level-Commune\"", StringComparison.Ordinal)];
        Assert.Contains("<a href=\"/quan-tri/don-vi/HUYEN-9\">HUYEN-9</a>", districts, StringComparison.Ordinal);
        Assert.Contains("Huyện Chín", districts, StringComparison.Ordinal);
        Assert.Contains("<dd>01/07/2023</dd>", page, StringComparison.Ordinal);
        Assert.Matches(@"<td>01/07/2023</td>\s*<td>Thành lập</td>", page);
    }

    [Fact]
    public async Task CreateUnit_WithAMistake_SaysWhy_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");

        var badDay = await PostAsync(browser, "/quan-tri/don-vi", "Create", new()
        {
            ["Code"] = "XA-9", ["Name"] = "Xã Chín", ["Level"] = "Commune", ["ParentCode"] = "TINH", ["ActiveFrom"] = "2023-07-01",
        });
        var wrongParent = await PostAsync(browser, "/quan-tri/don-vi", "Create", new()
        {
            ["Code"] = "XA-9", ["Name"] = "Xã Chín", ["Level"] = "Commune", ["ParentCode"] = "TINH", ["ActiveFrom"] = "01/07/2024",
        });
        var badDayHtml = await badDay.Content.ReadAsStringAsync(Cancel);
        var wrongParentHtml = await wrongParent.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("Hoạt động từ ngày: &quot;2023-07-01&quot; không phải là ngày dạng dd/mm/yyyy", badDayHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"2023-07-01\"", badDayHtml, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", wrongParentHtml, StringComparison.Ordinal);
        // Before the two-level reform of 01/07/2025 a commune sat under a district (docs/units.md).
        Assert.Contains("xã phải thuộc một huyện, nhưng `TINH` là tỉnh", wrongParentHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Xã Chín\"", wrongParentHtml, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Commune\" selected=\"selected\">", wrongParentHtml, StringComparison.Ordinal);
        Assert.False((await InScopeAsync(s => s.GetRequiredService<UnitDirectory>().GetAsync("XA-9"))).Succeeded);
    }

    [Fact]
    public async Task CloseUnit_ShowsItClosed_InTheListAndItsHistory()
    {
        using var browser = await SignedInAsync("admin");

        var closed = await PostAsync(browser, "/quan-tri/don-vi/SO-B", "Close", new() { ["EffectiveOn"] = "01/03/2025", ["Note"] = "QĐ 12/QĐ-UBND" });
        var list = await browser.GetStringAsync("/quan-tri/don-vi", Cancel);
        var page = await browser.GetStringAsync("/quan-tri/don-vi/SO-B", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Matches(@"<tr class=""closed"">\s*<td><a href=""/quan-tri/don-vi/SO-B"">SO-B</a></td>\s*<td>Sở B</td>\s*<td>TINH — Tỉnh Thử</td>\s*<td>Ngừng hoạt động từ 01/03/2025</td>", list);
        Assert.Matches(@"<td>01/03/2025</td>\s*<td>Ngừng hoạt động</td>", page);
        Assert.Contains("QĐ 12/QĐ-UBND", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditProfile_SavesTheFigures_WrittenTheVietnameseWay()
    {
        using var browser = await SignedInAsync("admin");

        var saved = await PostAsync(browser, "/quan-tri/don-vi/SO-A?nam=2024", "Profile", new()
        {
            ["Profile[civil_servants]"] = "1.234",
            ["Profile[public_employees]"] = "56",
            ["Profile[subordinate_units]"] = "",
        });
        var page = await browser.GetStringAsync("/quan-tri/don-vi/SO-A?nam=2024", Cancel);
        var stored = await InScopeAsync(async s =>
        {
            var units = s.GetRequiredService<UnitDirectory>();
            return await units.ProfileAsync((await units.GetAsync("SO-A")).Value!.Id, 2024);
        });

        Assert.Equal("/quan-tri/don-vi/SO-A?nam=2024", saved.Headers.Location!.OriginalString);
        Assert.Equal(1234m, stored["civil_servants"]);
        Assert.Equal(56m, stored["public_employees"]);
        Assert.Equal(4m, stored["subordinate_units"]);
        Assert.Contains("Đã lưu thông tin chung năm 2024.", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Profile[civil_servants]\" value=\"1.234\"", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"Profile-civil_servants\">Số lượng công chức (người)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditProfile_WithAFigureThatIsNotANumber_SavesNothing_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");

        var response = await PostAsync(browser, "/quan-tri/don-vi/SO-A?nam=2024", "Profile", new()
        {
            ["Profile[civil_servants]"] = "77",
            ["Profile[public_employees]"] = "nhiều",
        });
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var stored = await InScopeAsync(async s =>
        {
            var units = s.GetRequiredService<UnitDirectory>();
            return await units.ProfileAsync((await units.GetAsync("SO-A")).Value!.Id, 2024);
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 số liệu không đọc được; không số liệu nào được lưu", html, StringComparison.Ordinal);
        Assert.Contains("<li>public_employees: `nhiều` không phải là số: viết số như 1234,5, 1.234,5 hoặc 1234.5, có thể thêm % ở cuối</li>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Profile[civil_servants]\" value=\"77\"", html, StringComparison.Ordinal);
        Assert.Equal(40m, stored["civil_servants"]);
    }

    [Fact]
    public async Task RenameSplitAndMerge_AreRecordedInTheUnitsHistories()
    {
        using var browser = await SignedInAsync("admin");

        var renamed = await PostAsync(browser, "/quan-tri/don-vi/SO-A", "Rename", new() { ["NewName"] = "Sở A mới", ["EffectiveOn"] = "01/01/2025", ["Note"] = "" });
        var split = await PostAsync(browser, "/quan-tri/don-vi/SO-A", "Split", new()
        {
            ["Parts"] = "SO-A1; Sở A Một\nSO-A2; Sở A Hai",
            ["KeepSource"] = "false",
            ["EffectiveOn"] = "01/02/2025",
            ["Note"] = "",
        });
        var merged = await PostAsync(browser, "/quan-tri/don-vi", "Merge", new()
        {
            ["MergeSources"] = "SO-A1, SO-A2",
            ["MergeCode"] = "SO-AA",
            ["MergeName"] = "Sở A hợp nhất",
            ["MergeOn"] = "01/03/2025",
            ["MergeNote"] = "QĐ 7/QĐ-UBND",
        });
        var source = await browser.GetStringAsync("/quan-tri/don-vi/SO-A", Cancel);
        var part = await browser.GetStringAsync("/quan-tri/don-vi/SO-A1", Cancel);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect], new[] { renamed.StatusCode, split.StatusCode, merged.StatusCode });
        Assert.Contains("<title>SO-A — Sở A mới", source, StringComparison.Ordinal);
        Assert.Matches(@"<td>01/01/2025</td>\s*<td>Đổi tên</td>\s*<td>\s*Sở A\s*→\s*Sở A mới", source);
        Assert.Matches(@"<td>01/02/2025</td>\s*<td>Chia tách, lập</td>\s*<td>\s*<a href=""/quan-tri/don-vi/SO-A1"">SO-A1</a>", source);
        Assert.Contains("Ngừng hoạt động từ 01/02/2025", source, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Rename", source, StringComparison.Ordinal);
        Assert.Matches(@"<td>01/03/2025</td>\s*<td>Sáp nhập vào</td>\s*<td>\s*<a href=""/quan-tri/don-vi/SO-AA"">SO-AA</a>", part);
    }

    [Fact]
    public async Task MergeIntoACodeInUse_SaysSo_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");

        var response = await PostAsync(browser, "/quan-tri/don-vi", "Merge", new()
        {
            ["MergeSources"] = "SO-A, SO-B",
            ["MergeCode"] = "TINH",
            ["MergeName"] = "Sở hợp nhất",
            ["MergeOn"] = "01/03/2025",
            ["MergeNote"] = "",
        });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("đã có đơn vị mã `TINH`", html, StringComparison.Ordinal);
        Assert.Contains("value=\"SO-A, SO-B\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ngừng hoạt động từ", html, StringComparison.Ordinal);
    }

    // ---- Frameworks

    [Fact]
    public async Task ImportBrokenFramework_ListsEveryProblem_WithItsLineAndIndicator()
    {
        using var browser = await SignedInAsync("admin");

        var response = await UploadAsync(browser, "broken.yaml", Testing.TestFrameworks.RepositoryFile("samples/frameworks/broken.yaml"));
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div class=\"alert\" role=\"alert\">", html, StringComparison.Ordinal);
        Assert.Contains("tệp bộ chỉ số có 6 lỗi", html, StringComparison.Ordinal);
        Assert.Contains("<li>broken.yaml:23:9: lỗi DTI1001: chỉ số 1.2, trường `max_points`: thiếu trường bắt buộc `max_points`</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>broken.yaml:29:24: lỗi DTI3001: chỉ số 1.2, công thức `rule`, cột 10: không có tên `tong_so`", html, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Count(html, "<li>broken\\.yaml:\\d+:\\d+: lỗi DTI"));
        Assert.DoesNotContain("vi-du-loi", await browser.GetStringAsync("/quan-tri/bo-chi-so", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFramework_ListsIt_AndExportGivesTheFileBack()
    {
        using var browser = await SignedInAsync("admin");
        var yaml = Testing.TestFrameworks.RepositoryFile("samples/frameworks/example.yaml");

        var imported = await UploadAsync(browser, "example.yaml", yaml);
        var list = await browser.GetStringAsync("/quan-tri/bo-chi-so", Cancel);
        var export = await browser.GetAsync("/quan-tri/bo-chi-so/vi-du-2024?handler=Export", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("Đã nhập bộ chỉ số vi-du-2024.", list, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/quan-tri/bo-chi-so/vi-du-2024\">vi-du-2024</a>", list, StringComparison.Ordinal);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("vi-du-2024.yaml", export.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal(yaml, await export.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task FrameworkTree_ShowsCodesPointsRulesAndInputs_Indented()
    {
        using var browser = await SignedInAsync("admin");

        var html = await browser.GetStringAsync("/quan-tri/bo-chi-so/dti-department-2022", Cancel);

        Assert.Contains("<dd>1.000,00</dd>", html, StringComparison.Ordinal);
        Assert.Matches(@"<tr class=""depth-\d leaf"">\s*<th scope=""row"" class=""code"">3\.1</th>", html);
        Assert.Contains("<code>ratio(a, profile.civil_servants &#x2B; profile.public_employees)</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>a</code>: a = Số lượng CBCC, VC của sở, ban, ngành được trang bị máy tính", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyFramework_ToANewYear_ListsTheCopy_AndTheDiffShowsTheYear()
    {
        using var browser = await SignedInAsync("admin");

        var copied = await PostAsync(browser, "/quan-tri/bo-chi-so", "Copy", new()
        {
            ["CopySource"] = "dti-department-2022",
            ["CopyCode"] = "dti-department-2026",
            ["CopyYear"] = "2026",
            ["CopyName"] = "",
        });
        var list = await browser.GetStringAsync("/quan-tri/bo-chi-so", Cancel);
        var diff = await browser.GetStringAsync("/quan-tri/bo-chi-so/so-sanh?truoc=dti-department-2022&sau=dti-department-2026", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.Contains("Đã sao chép bộ chỉ số dti-department-2022 thành dti-department-2026.", list, StringComparison.Ordinal);
        Assert.Matches(@"dti-department-2026</a></td>\s*<td>[^<]+</td>\s*<td class=""num"">2026</td>\s*<td>Sở, ban, ngành</td>\s*<td class=""num"">1\.000,00</td>\s*<td>Không</td>\s*<td>dti-department-2022</td>", list);
        Assert.Contains("1 thay đổi", diff, StringComparison.Ordinal);
        Assert.Matches(@"<th scope=""row"" class=""code"">year</th>\s*<td>Thay đổi của bộ chỉ số</td>\s*<td>2022</td>\s*<td>2026</td>", diff);
    }

    [Fact]
    public async Task CopyFramework_UnderACodeInUse_SaysSo_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");

        var response = await PostAsync(browser, "/quan-tri/bo-chi-so", "Copy", new()
        {
            ["CopySource"] = "dti-department-2022",
            ["CopyCode"] = "dti-province-2022",
            ["CopyYear"] = "2026",
            ["CopyName"] = "Bản sao",
        });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("đã có bộ chỉ số mã `dti-province-2022`; hãy đặt mã mới cho phiên bản này", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Bản sao\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiffOfAnUnknownFramework_SaysWhichOne()
    {
        using var browser = await SignedInAsync("admin");

        var html = await browser.GetStringAsync("/quan-tri/bo-chi-so/so-sanh?truoc=dti-department-2022&sau=khong-co", Cancel);

        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("không có bộ chỉ số `khong-co`", html, StringComparison.Ordinal);
    }

    // ---- Periods

    [Fact]
    public async Task CreatePeriod_ThenOpenIt()
    {
        using var browser = await SignedInAsync("evaluator");

        var created = await PostAsync(browser, "/quan-tri/ky-danh-gia", "Create", new()
        {
            ["FrameworkCode"] = "dti-department-2022",
            ["Year"] = "2026",
            ["Name"] = "Đánh giá DTI các sở năm 2026",
            ["OpensOn"] = "15/01/2027",
            ["ClosesOn"] = "15/3/2027",
            ["UnfinishedRanking"] = "AfterFinalised",
            ["UnfinishedPoints"] = "AsReported",
            ["UnitCodes"] = "SO-A, SO-B",
        });
        var period = (await InScopeAsync(s => s.GetRequiredService<PeriodService>().ListAsync())).Single(p => p.Year == 2026);
        var opened = await PostAsync(browser, "/quan-tri/ky-danh-gia", "Status", new() { ["id"] = period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "Open" });
        var list = await browser.GetStringAsync("/quan-tri/ky-danh-gia", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(
            ("dti-department-2022", "Đánh giá DTI các sở năm 2026", new DateOnly(2027, 1, 15), new DateOnly(2027, 3, 15), 2),
            (period.FrameworkCode, period.Name, period.OpensOn, period.ClosesOn, period.UnitCount));
        Assert.Equal((Data.Periods.UnfinishedRanking.AfterFinalised, Data.Periods.UnfinishedPoints.AsReported), (period.UnfinishedRanking, period.UnfinishedPoints));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(PeriodStatus.Open, (await InScopeAsync(s => s.GetRequiredService<PeriodService>().GetAsync(period.Id))).Value!.Status);
        Assert.Contains("Kỳ đánh giá &quot;Đánh giá DTI các sở năm 2026&quot; nay đang mở.", list, StringComparison.Ordinal);
        Assert.Contains("<td>15/01/2027 – 15/03/2027</td>", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnfinishedRule_IsSetFromTheList_AndShownOnThePeriodPage()
    {
        using var browser = await SignedInAsync("evaluator");
        var id = Factory.OpenPeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var set = await PostAsync(browser, "/quan-tri/ky-danh-gia", "UnfinishedRule", new() { ["id"] = id, ["ranking"] = "WithOthers", ["points"] = "Zero" });
        var list = await browser.GetStringAsync("/quan-tri/ky-danh-gia", Cancel);
        var unknown = await PostAsync(browser, "/quan-tri/ky-danh-gia", "UnfinishedRule", new() { ["id"] = id, ["ranking"] = "5", ["points"] = "Zero" });
        var periodPage = WebUtility.HtmlDecode(await browser.GetStringAsync($"/ky-danh-gia/{id}", Cancel));

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(Data.Periods.UnfinishedRanking.WithOthers, (await InScopeAsync(s => s.GetRequiredService<PeriodService>().GetAsync(Factory.OpenPeriodId))).Value!.UnfinishedRanking);
        Assert.Contains(
            "Đã đặt quy định của kỳ đánh giá \"Kỳ mở\": đơn vị có hồ sơ chưa hoàn thành thẩm định lúc công bố được ghi “không gửi hồ sơ”, xếp hạng cùng các đơn vị khác theo điểm, điểm tính là 0.",
            WebUtility.HtmlDecode(list),
            StringComparison.Ordinal);
        Assert.Contains("<option value=\"WithOthers\" selected=\"selected\">Xếp hạng cùng các đơn vị khác theo điểm</option>", WebUtility.HtmlDecode(list), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("quy định cho đơn vị không hoàn thành thẩm định không hợp lệ", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Contains(
            "Quy định của kỳ khi công bố: đơn vị có hồ sơ chưa hoàn thành thẩm định lúc công bố được ghi “không gửi hồ sơ”, xếp hạng cùng các đơn vị khác theo điểm, điểm tính là 0.",
            periodPage,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePeriod_WithMistakes_NamesEach_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("admin");

        var badDates = await PostAsync(browser, "/quan-tri/ky-danh-gia", "Create", new()
        {
            ["FrameworkCode"] = "dti-department-2022", ["Year"] = "2026", ["Name"] = "Kỳ thử", ["OpensOn"] = "2027-01-15", ["ClosesOn"] = "31/02/2027", ["UnitCodes"] = "",
        });
        var wrongUnits = await PostAsync(browser, "/quan-tri/ky-danh-gia", "Create", new()
        {
            ["FrameworkCode"] = "dti-department-2022", ["Year"] = "2026", ["Name"] = "Kỳ thử", ["OpensOn"] = "15/01/2027", ["ClosesOn"] = "15/03/2027", ["UnitCodes"] = "SO-A TINH",
        });
        var badDatesHtml = await badDates.Content.ReadAsStringAsync(Cancel);
        var wrongUnitsHtml = await wrongUnits.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("<li>Ngày mở (dd/mm/yyyy): &quot;2027-01-15&quot; không phải là ngày dạng dd/mm/yyyy</li>", badDatesHtml, StringComparison.Ordinal);
        Assert.Contains("<li>Ngày đóng (dd/mm/yyyy): &quot;31/02/2027&quot; không phải là ngày dạng dd/mm/yyyy</li>", badDatesHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-01-15\"", badDatesHtml, StringComparison.Ordinal);
        Assert.Contains("1 đơn vị không đưa được vào kỳ đánh giá; kỳ đánh giá chưa được tạo", wrongUnitsHtml, StringComparison.Ordinal);
        Assert.Contains("<li>`TINH` là tỉnh, còn bộ chỉ số `dti-department-2022` dành cho cấp sở, ban, ngành</li>", wrongUnitsHtml, StringComparison.Ordinal);
        // The codes sent are ticked in the cohort's picker.
        Assert.Contains("<input type=\"checkbox\" name=\"Cohort\" value=\"SO-A\" checked=\"checked\" />", wrongUnitsHtml, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"Cohort\" value=\"TINH\" checked=\"checked\" />", wrongUnitsHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(await InScopeAsync(s => s.GetRequiredService<PeriodService>().ListAsync()), p => p.Year == 2026);
    }

    [Fact]
    public void EveryAdminPage_HasAnAccessPolicy()
    {
        var pages = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("quan-tri", StringComparison.Ordinal) == true)
            .Select(e => (Route: e.RoutePattern.RawText!, Policies: e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy).ToArray()))
            .ToArray();

        // Ten pages, then the framework editor, the crosswalk and a period's units (this stop).
        Assert.Equal(13, pages.Length);
        Assert.All(pages, page => Assert.True(
            page.Policies.Contains(page.Route.Contains("ky-danh-gia", StringComparison.Ordinal) ? Security.ActorPolicies.ManagePeriods : Security.ActorPolicies.Administer),
            $"{page.Route}: {string.Join(", ", page.Policies)}"));
    }

    [Fact]
    public async Task AdminPages_SpeakEnglish_WhenAsked()
    {
        using var browser = await SignedInAsync("admin");

        var html = await browser.GetStringAsync("/quan-tri/bo-chi-so/dti-province-2022?lang=en", Cancel);

        Assert.Contains("<title>dti-province-2022 — ", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/quan-tri\">Administration</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>1,000.00</dd>", html, StringComparison.Ordinal);
        Assert.Contains(">provisional</span>", html, StringComparison.Ordinal);
    }

    // ---- Anti-forgery

    [Theory]
    [InlineData("/quan-tri/tai-khoan?handler=Create")]
    [InlineData("/quan-tri/tai-khoan?handler=ChangeRole")]
    [InlineData("/quan-tri/tai-khoan?handler=Delete")]
    [InlineData("/quan-tri/tai-khoan?handler=Email")]
    [InlineData("/quan-tri/don-vi?handler=Create")]
    [InlineData("/quan-tri/don-vi/SO-A?handler=Profile")]
    [InlineData("/quan-tri/bo-chi-so?handler=Copy")]
    [InlineData("/quan-tri/ky-danh-gia?handler=Create")]
    public async Task AdminForm_WithoutTheAntiforgeryToken_IsRefused(string path)
    {
        using var browser = await SignedInAsync("admin");

        var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = "SO-X", ["Name"] = "X" }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // ---- Helpers

    private static void AssertRefused(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>Opens <paramref name="path"/> and sends its form <paramref name="handler"/>, with the page's anti-forgery token.</summary>
    private async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string handler, Dictionary<string, string> fields)
    {
        var token = AntiforgeryTokenIn(await browser.GetStringAsync(path, Cancel));
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return await browser.PostAsync($"{path}{separator}handler={handler}", Form(token, fields), Cancel);
    }

    /// <summary>Sends a framework file through the import form.</summary>
    private async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string fileName, string yaml)
    {
        var token = AntiforgeryTokenIn(await browser.GetStringAsync("/quan-tri/bo-chi-so", Cancel));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(yaml));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        content.Add(file, "Upload", fileName);
        return await browser.PostAsync("/quan-tri/bo-chi-so?handler=Import", content, Cancel);
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Factory.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }
}
