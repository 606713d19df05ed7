using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The deadlines (hạn nộp) through the API and their page, and the to-do list (việc cần làm) through
/// <c>/api/me/todo</c> and on the home page, for submissions put in their states in the database.
/// </summary>
public sealed class DeadlinesWebTests : WebAppTest
{
    [Fact]
    public async Task DeadlinesApi_ListsEveryUnitForStaff_AndOnlyTheirOwnForAUnitUser()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var reporter = await Factory.ClientAsync("reporter.so-b");

        var all = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/deadlines", Cancel));
        var own = await JsonAsync(await reporter.GetAsync($"/api/periods/{Factory.OpenPeriodId}/deadlines", Cancel));

        Assert.Equal(["SO-A", "SO-B"], all.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitCode").GetString()).Order());
        var b = Assert.Single(own.GetProperty("units").EnumerateArray());
        Assert.Equal("SO-B", b.GetProperty("unitCode").GetString());
        Assert.Equal("draft", b.GetProperty("state").GetString());
        Assert.Equal("2030-12-31", b.GetProperty("deadline").GetString());
        var today = DateOnly.Parse(own.GetProperty("today").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateOnly(2030, 12, 31).DayNumber - today.DayNumber, b.GetProperty("daysLeft").GetInt32());
        Assert.Equal(own.GetProperty("indicators").GetInt32(), b.GetProperty("missingValues").GetArrayLength());

        using var missing = await evaluator.GetAsync("/api/periods/9999/deadlines", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ToDoApi_GivesTheLeaderTheSubmissionToApprove_ThenTheEvaluatorsTheReviewToStart()
    {
        await SetStateAsync("SO-A", SubmissionState.Submitted);

        var leader = await ToDoAsync("leader.so-a");
        var item = Assert.Single(leader);
        Assert.Equal(("approve", "SO-A", $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A#ho-so"), (item.Kind, item.UnitCode, item.Path));
        Assert.Empty(await ToDoAsync("leader.so-b"));
        Assert.Empty(await ToDoAsync("evaluator"));
        Assert.Equal(["submit"], (await ToDoAsync("reporter.so-b")).Select(i => i.Kind));
        Assert.Empty(await ToDoAsync("reporter.so-a"));

        await SetStateAsync("SO-A", SubmissionState.Approved);

        Assert.Empty(await ToDoAsync("leader.so-a"));
        Assert.Equal([("start_review", "SO-A")], (await ToDoAsync("admin")).Select(i => (i.Kind, i.UnitCode)));
        Assert.Empty(await ToDoAsync("viewer"));
    }

    [Fact]
    public async Task HomePage_ShowsTheToDoList_WithALinkToActOn()
    {
        await SetStateAsync("SO-A", SubmissionState.Submitted);
        using var leader = await SignedInAsync("leader.so-a");
        using var other = await SignedInAsync("leader.so-b");

        var html = await leader.GetStringAsync("/", Cancel);
        var otherHtml = await other.GetStringAsync("/", Cancel);

        Assert.Contains("Việc cần làm", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A#ho-so\">Phê duyệt hồ sơ</a>", html, StringComparison.Ordinal);
        Assert.Contains("Không có việc nào đang chờ bạn.", otherHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Phê duyệt hồ sơ", otherHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlinesPage_IsLinkedFromThePeriodPage_AndNamesTheUnitsNotSubmitted()
    {
        await SetStateAsync("SO-B", SubmissionState.Submitted);
        using var evaluator = await SignedInAsync("evaluator");

        var period = await evaluator.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);
        Assert.Contains($"href=\"/ky-danh-gia/{Factory.OpenPeriodId}/han-nop\"", period, StringComparison.Ordinal);

        var page = await evaluator.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/han-nop", Cancel);
        Assert.Contains("1 đơn vị chưa gửi hồ sơ, 1 đơn vị đã gửi", page, StringComparison.Ordinal);
        Assert.Contains("Sở A", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sở B", page, StringComparison.Ordinal);
        Assert.Contains("31/12/2030", page, StringComparison.Ordinal);
    }

    private async Task SetStateAsync(string unitCode, SubmissionState state)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync(Cancel);
        var submission = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == Factory.OpenPeriodId && s.UnitId == unitId, Cancel);
        if (submission is null)
        {
            submission = new Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, UpdatedBy = "test" };
            db.Submissions.Add(submission);
        }

        submission.State = state;
        submission.UpdatedAt = DateTime.UtcNow;
        submission.Version++;
        await db.SaveChangesAsync(Cancel);
    }

    private async Task<IReadOnlyList<(string Kind, string UnitCode, string Path)>> ToDoAsync(string user)
    {
        using var client = await Factory.ClientAsync(user);
        using var response = await client.GetAsync("/api/me/todo", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response)).EnumerateArray()
            .Select(i => (i.GetProperty("kind").GetString()!, i.GetProperty("unitCode").GetString()!, i.GetProperty("path").GetString()!))
            .ToArray();
    }
}
