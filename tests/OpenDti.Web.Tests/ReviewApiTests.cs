using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>The review cycle through the API: steps by the right people, 409 naming the state, 403 by role, history and threads.</summary>
public sealed class ReviewApiTests : WebAppTest
{
    private string Unit(string segment) => $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/{segment}";

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string segment, object? body = null)
    {
        using var response = await client.PostAsync(Unit(segment), body is null ? null : Json(body), Cancel);
        return (response.StatusCode, await JsonAsync(response));
    }

    [Fact]
    public async Task TheCycle_ThroughTheApi_MovesTheSubmission_AndRecordsEveryStep()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var leader = await Factory.ClientAsync("leader.so-a");
        using var evaluator = await Factory.ClientAsync("evaluator");

        var draft = await JsonAsync(await reporter.GetAsync(Unit("submission"), Cancel));
        Assert.Equal(("draft", true), (draft.GetProperty("state").GetString(), draft.GetProperty("entryOpen").GetBoolean()));
        Assert.Equal(["submit"], draft.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));

        var submitted = await PostAsync(reporter, "submit", new { version = 0 });
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Equal(("submitted", false), (submitted.Body.GetProperty("state").GetString(), submitted.Body.GetProperty("entryOpen").GetBoolean()));
        Assert.Contains("đã gửi", submitted.Body.GetProperty("entryLockedBecause").GetString(), StringComparison.Ordinal);

        // Values are locked once submitted.
        using var save = await reporter.PutAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, save.StatusCode);

        // The leader's return sends it back to the reporter; approve moves it on.
        Assert.Equal("draft", (await PostAsync(leader, "return", new { comment = "Bổ sung chỉ số 3.1" })).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(reporter, "submit")).Status);
        Assert.Equal("approved", (await PostAsync(leader, "approve")).Body.GetProperty("state").GetString());

        // 403 for a step the role never takes; 409 naming the state for a step out of turn.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(reporter, "finalise")).Status);
        var early = await PostAsync(evaluator, "finalise");
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        Assert.Equal("không thể hoàn thành thẩm định: hồ sơ đang ở trạng thái đã phê duyệt", early.Body.GetProperty("title").GetString());

        Assert.Equal("under_review", (await PostAsync(evaluator, "start-review")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(evaluator, "return")).Status);
        using var note = await evaluator.PostAsync(Unit("review-notes"), Json(new { indicator = "2.1", kind = "returned", text = "Thiếu quyết định" }), Cancel);
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        using var badKind = await evaluator.PostAsync(Unit("review-notes"), Json(new { indicator = "2.1", kind = "maybe", text = "?" }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        var returned = await PostAsync(evaluator, "return", new { answerBy = "2031-02-01" });
        Assert.Equal(("returned", "2031-02-01"), (returned.Body.GetProperty("state").GetString(), returned.Body.GetProperty("answerBy").GetString()));

        using var answer = await reporter.PostAsync(Unit("review-notes"), Json(new { indicator = "2.1", kind = "answer", text = "Đã bổ sung" }), Cancel);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        using var corrected = await reporter.PutAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }), Cancel);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("resubmitted", (await PostAsync(reporter, "resubmit")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(evaluator, "start-review")).Status);
        Assert.Equal("finalised", (await PostAsync(evaluator, "finalise")).Body.GetProperty("state").GetString());

        var history = await JsonAsync(await leader.GetAsync(Unit("history"), Cancel));
        Assert.Equal(
            ["submit", "return-to-draft", "submit", "approve", "start-review", null, "return", null, "resubmit", "start-review", "finalise"],
            history.EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(("leader.so-a", "submitted", "draft", "Bổ sung chỉ số 3.1"), (history[1].GetProperty("userName").GetString(), history[1].GetProperty("from").GetString(), history[1].GetProperty("to").GetString(), history[1].GetProperty("text").GetString()));
        Assert.Equal(("indicator_returned", "2.1"), (history[5].GetProperty("kind").GetString(), history[5].GetProperty("indicator").GetString()));

        var threads = await JsonAsync(await reporter.GetAsync(Unit("review-notes"), Cancel));
        var thread = threads.GetProperty("threads").EnumerateArray().Single();
        // Round 2 has started since the answer: the thread keeps round 1, with no decision yet in round 2.
        Assert.Equal(("2.1", "not_reviewed"), (thread.GetProperty("indicator").GetString(), thread.GetProperty("status").GetString()));
        Assert.Equal(["returned", "answer"], thread.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task AReturnWithoutADay_GivesTheConfiguredAnswerDays()
    {
        await using var configured = Factory.WithWebHostBuilder(b => b.UseSetting("OpenDti:Review:AnswerDays", "3"));
        using var evaluator = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        evaluator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Factory.TokenAsync("evaluator"));
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
            var unitId = await db.PeriodUnits.Where(u => u.PeriodId == Factory.OpenPeriodId && u.UnitCode == "SO-A").Select(u => u.UnitId).SingleAsync(Cancel);
            db.Submissions.Add(new Data.Review.Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, State = Core.Review.SubmissionState.UnderReview, Round = 1, UpdatedBy = "test" });
            db.ReviewNotes.Add(new Data.Review.ReviewNote
            {
                PeriodId = Factory.OpenPeriodId, UnitId = unitId, Indicator = "2.1", Kind = Data.Review.ReviewNoteKind.Returned, Round = 1, Text = "Thiếu", UserId = "test", UserName = "test",
            });
            await db.SaveChangesAsync(Cancel);
        }

        using var returned = await evaluator.PostAsync(Unit("return"), null, Cancel);

        var today = Application.VietnamTime.Today(TimeProvider.System);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal(today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (await JsonAsync(returned)).GetProperty("answerBy").GetString());
    }

    [Fact]
    public async Task Exceptions_AreForAdministrators_AndMustEndAfterTheCloseDate()
    {
        using var admin = await Factory.ClientAsync("admin");

        using var before = await admin.PutAsync(Unit("exception"), Json(new { until = "2030-12-01", reason = "Sự cố" }), Cancel);
        using var opened = await admin.PutAsync(Unit("exception"), Json(new { until = "2031-01-10", reason = "Sự cố" }), Cancel);
        using var closed = await admin.DeleteAsync(Unit("exception") + "?reason=xong", Cancel);
        using var again = await admin.DeleteAsync(Unit("exception"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Equal("until", (await JsonAsync(before)).GetProperty("problems")[0].GetProperty("input").GetString());
        Assert.Equal("2031-01-10", (await JsonAsync(opened)).GetProperty("exceptionUntil").GetString());
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(closed)).GetProperty("exceptionUntil").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
