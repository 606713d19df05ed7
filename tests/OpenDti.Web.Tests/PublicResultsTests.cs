using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The public results (/cong-khai, /api/public/…): only a published period an evaluator made public, only
/// its frozen publication, nothing of the review or of evidence, for anyone without a token, and
/// holding 30 anonymous requests at once.
/// </summary>
public sealed class PublicResultsTests : WebAppTest
{
    private const string Note = "Ghi chú thẩm định bí mật";

    private HttpClient Anonymous() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Every public route and page for period <paramref name="id"/> and each unit (and one that is not there).</summary>
    private static IEnumerable<string> PublicPaths(int id) =>
    [
        $"/api/public/periods/{id}/results",
        .. new[] { "SO-A", "SO-B", "SO-X" }.SelectMany(unit => new[] { $"/api/public/periods/{id}/units/{unit}/scorecard", $"/cong-khai/{id}/don-vi/{unit}" }),
        $"/cong-khai/{id}",
    ];

    private async Task SaveAndReviewAsync()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        Assert.Equal(HttpStatusCode.OK, (await reporter.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }, Cancel)).StatusCode);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var unitId = db.Units.Single(u => u.Code == "SO-A").Id;
        db.ReviewNotes.Add(new ReviewNote { PeriodId = Factory.OpenPeriodId, UnitId = unitId, Indicator = "2.1", Kind = ReviewNoteKind.Returned, Round = 1, Text = Note, UserId = "test", UserName = "test" });
        await db.SaveChangesAsync(Cancel);
    }

    [Fact]
    public async Task NothingOfAPeriod_IsReachable_UntilPublishedAndMadePublic_NorAfterItIsSwitchedOff()
    {
        await SaveAndReviewAsync();
        using var anonymous = Anonymous();
        using var evaluator = await Factory.ClientAsync("evaluator");
        var ids = new[] { Factory.OpenPeriodId, Factory.DraftPeriodId, 9999 };

        async Task<string[]> ReachableAsync()
        {
            var reached = new List<string>();
            foreach (var path in ids.SelectMany(PublicPaths))
            {
                using var response = await anonymous.GetAsync(path, Cancel);
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    reached.Add($"{path} {(int)response.StatusCode}");
                }
            }

            var list = await JsonAsync(await anonymous.GetAsync("/api/public/periods", Cancel));
            reached.AddRange(list.EnumerateArray().Select(p => "listed " + p.GetProperty("id").GetInt32()));
            return [.. reached];
        }

        var before = await ReachableAsync();
        var tooEarly = await evaluator.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/public", new { @public = true }, Cancel);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluator, Factory.OpenPeriodId)).StatusCode);
        var publishedOnly = await ReachableAsync();
        var on = await evaluator.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/public", new { @public = true }, Cancel);
        var whilePublic = await ReachableAsync();
        var off = await evaluator.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/public", new { @public = false }, Cancel);
        var after = await ReachableAsync();

        Assert.Empty(before);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Empty(publishedOnly);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        string[] open = [$"/api/public/periods/{Factory.OpenPeriodId}/results 200", $"/api/public/periods/{Factory.OpenPeriodId}/units/SO-A/scorecard 200", $"/cong-khai/{Factory.OpenPeriodId}/don-vi/SO-A 200",
            $"/api/public/periods/{Factory.OpenPeriodId}/units/SO-B/scorecard 200", $"/cong-khai/{Factory.OpenPeriodId}/don-vi/SO-B 200", $"/cong-khai/{Factory.OpenPeriodId} 200", $"listed {Factory.OpenPeriodId}"];
        Assert.Equal(open.Order(), whilePublic.Order());
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Empty(after);

        // Both switches are in the audit, by whom, as publication entries.
        using var scope = Factory.Services.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>().AuditEntries
            .Where(a => a.Kind == AuditKind.Publication && a.Input == "public").OrderBy(a => a.Sequence).ToListAsync(Cancel);
        Assert.Equal(["evaluator false→true", "evaluator true→false"], entries.Select(e => $"{e.UserName} {e.OldValue}→{e.NewValue}").ToArray());
    }

    [Fact]
    public async Task PublicAnswers_ComeFromThePublication_WithoutReviewNotesOrEvidence()
    {
        await SaveAndReviewAsync();
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        var upload = await reporter.PostAsync(
            $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/evidence", EvidenceForm("2.1", "Quyết định ban hành.pdf", Testing.Evidence.SampleFiles.Pdf("public")), Cancel);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await AuthorizationMatrixTests.PublicOnceAsync(Factory);

        // A value changed after publication is not what the public sees.
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            var value = db.ReportedValues.Single(v => v.Indicator == "2.1" && v.Input == "da_ban_hanh");
            value.Value = "0";
            await db.SaveChangesAsync(Cancel);
        }

        using var anonymous = Anonymous();
        var results = await anonymous.GetStringAsync($"/api/public/periods/{Factory.OpenPeriodId}/results", Cancel);
        var scorecard = await anonymous.GetAsync($"/api/public/periods/{Factory.OpenPeriodId}/units/SO-A/scorecard", Cancel);
        var scorecardText = await scorecard.Content.ReadAsStringAsync(Cancel);
        var page = await anonymous.GetStringAsync($"/cong-khai/{Factory.OpenPeriodId}/don-vi/SO-A", Cancel);
        var ranking = await anonymous.GetStringAsync($"/cong-khai/{Factory.OpenPeriodId}", Cancel);

        var card = System.Text.Json.JsonDocument.Parse(scorecardText).RootElement;
        // SO-A never sent its submission: published as "không gửi hồ sơ" by the period's rule, with what it had reported then.
        Assert.True(card.GetProperty("notSubmitted").GetBoolean());
        Assert.Contains(card.GetProperty("values").EnumerateArray(), v => v.GetProperty("indicator").GetString() == "2.1" && v.GetProperty("value").GetString() == "Có");
        foreach (var text in new[] { results, scorecardText, page, ranking })
        {
            Assert.DoesNotContain(Note, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Quyết định ban hành", text, StringComparison.Ordinal);
            Assert.DoesNotContain("evidence", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("id=\"public-ranking\"", ranking, StringComparison.Ordinal);
        Assert.Contains("Sở A", ranking, StringComparison.Ordinal);
        Assert.Contains("results-chart-data", ranking, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", ranking, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThirtyAnonymousRequestsAtOnce_AllAnswer()
    {
        var id = await AuthorizationMatrixTests.PublicOnceAsync(Factory);
        var clients = Enumerable.Range(0, 30).Select(_ => Anonymous()).ToArray();
        var paths = new[] { $"/api/public/periods/{id}/results", "/api/public/periods", $"/cong-khai/{id}" };

        var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(() => client.GetAsync(paths[i % paths.Length], Cancel))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task BeyondTheBudgetOfAnAddress_Answers429WithRetryAfter()
    {
        await using var limited = await new OpenDtiFactory(Factory.Database, settings: new Dictionary<string, string?>
        {
            ["OpenDti:Public:PerAddress:Permits"] = "3",
            ["OpenDti:Public:PerAddress:WindowSeconds"] = "600",
        }).StartAsync();
        using var anonymous = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await anonymous.GetAsync("/api/public/periods", Cancel);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task TheSwitch_IsOnThePublicationsPage_AndTheSignInPageLinksThePublicPage()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluator, Factory.OpenPeriodId)).StatusCode);
        using var browser = await SignedInAsync("evaluator");
        var page = await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo", Cancel);
        var form = System.Text.RegularExpressions.Regex.Match(page, "<form[^>]*id=\"public-form\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

        var sent = await browser.PostAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo?handler=Public", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["makePublic"] = "true",
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
        }), Cancel);
        var after = await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo", Cancel);
        using var anonymous = Anonymous();
        var login = await anonymous.GetStringAsync("/dang-nhap", Cancel);

        Assert.Contains("Công khai kết quả", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("id=\"public-state\"", after, StringComparison.Ordinal);
        Assert.Contains("Thôi công khai", after, StringComparison.Ordinal);
        Assert.Contains("href=\"/cong-khai\"", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/public/periods/{Factory.OpenPeriodId}/results", Cancel)).StatusCode);
    }
}
