using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The accounts page at provincial scale: pages of 50, a search over user names, names, units and
/// addresses, a role filter, the creation form folded at the top with no role chosen in advance, one list
/// of units for every unit field, and a refused row form shown with its account alone.
/// </summary>
public sealed class AccountsPageTests : WebAppTest
{
    [Fact]
    public async Task ManyAccounts_ArePagedByFifty_AndTheSearchAndRoleFilterFindThem()
    {
        await AddReportersAsync(70);
        var browser = await SignedInAsync("admin");

        var first = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);
        var second = await browser.GetStringAsync("/quan-tri/tai-khoan?trang=2", Cancel);
        var search = await browser.GetStringAsync("/quan-tri/tai-khoan?q=can-bo-07", Cancel);
        var byName = await browser.GetStringAsync("/quan-tri/tai-khoan?q=" + Uri.EscapeDataString("cán bộ 65"), Cancel);
        var leaders = await browser.GetStringAsync("/quan-tri/tai-khoan?vai-tro=UnitLeader", Cancel);

        var total = 70 + OpenDtiFactory.Accounts.Count;
        Assert.Equal(50, Rows(first));
        Assert.Equal(total - 50, Rows(second));
        Assert.Contains($"Tài khoản 1–50 trong {total} tài khoản tìm thấy (tổng {total}).", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/quan-tri/tai-khoan?trang=2#accounts-list\"", first, StringComparison.Ordinal);
        Assert.Contains("<span aria-current=\"page\">2</span>", second, StringComparison.Ordinal);
        // Found by the user name, and by the person's name whatever the case.
        Assert.Equal(1, Rows(search));
        Assert.Contains("can-bo-07", search, StringComparison.Ordinal);
        Assert.Equal(1, Rows(byName));
        Assert.Contains("can-bo-65", byName, StringComparison.Ordinal);
        Assert.Equal(OpenDtiFactory.Accounts.Count(a => a.Role == "UnitLeader"), Rows(leaders));
        // One list of units for every unit field, not a list per row.
        Assert.Single(Regex.Matches(first, "<datalist id=\"unit-codes\">"));
    }

    [Fact]
    public async Task TheCreationForm_IsAtTheTop_WithNoRoleChosenInAdvance()
    {
        var browser = await SignedInAsync("admin");

        var page = await browser.GetStringAsync("/quan-tri/tai-khoan", Cancel);

        Assert.True(page.IndexOf("id=\"account-create\"", StringComparison.Ordinal) < page.IndexOf("id=\"accounts-list\"", StringComparison.Ordinal));
        Assert.Matches("<select id=\"Role\" name=\"Role\" required>\\s*<option value=\"\" selected=\"selected\">— Chọn vai trò —</option>", page);
        var roleSelect = Regex.Match(page, "<select id=\"Role\".*?</select>", RegexOptions.Singleline).Value;
        Assert.Single(Regex.Matches(roleSelect, "selected=\"selected\""));
    }

    [Fact]
    public async Task ARefusedRowForm_OnALaterPage_IsShownWithItsAccountAlone()
    {
        await AddReportersAsync(70);
        var browser = await SignedInAsync("admin");
        var token = AntiforgeryTokenIn(await browser.GetStringAsync("/quan-tri/tai-khoan?trang=2", Cancel));

        // Deleting without ticking "I am sure" is refused: the answer shows that account's row and its message.
        var refused = await browser.PostAsync("/quan-tri/tai-khoan?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "can-bo-69",
            ["__RequestVerificationToken"] = token,
        }), Cancel);
        var html = await refused.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(1, Rows(html));
        Assert.Contains("can-bo-69", html, StringComparison.Ordinal);
        Assert.Matches("<details open=\"open\">", html);
    }

    private static int Rows(string html)
    {
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        return Regex.Count(body, "<tr[ >]");
    }

    private async Task AddReportersAsync(int count)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Data.Identity.AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        var unitId = db.Units.Single(u => u.Code == "SO-B").Id;
        for (var i = 0; i < count; i++)
        {
            var name = $"can-bo-{i:00}";
            var user = new Data.Identity.AppUser { UserName = name, DisplayName = $"Cán bộ {i:00}", UnitId = unitId, SecurityStamp = Guid.NewGuid().ToString("N") };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "UnitReporter")).Succeeded);
        }
    }
}
