using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Gap analysis through the API (docs/improvement.md): the items' fields, causes written with their version (400
/// located, 409 stale), the Excel and Word files, and thirty simultaneous requests on SQLite and, when
/// OPENDTI_TEST_POSTGRES is set, PostgreSQL.
/// </summary>
public sealed class GapApiTests : WebAppTest
{
    private string Gaps(string unit = "SO-A") => $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/gaps";

    private string Cause(string indicator, string unit = "SO-A") => $"{Gaps(unit)}/{indicator}/cause";

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Fact]
    public async Task Get_GivesTheItemsByPointsLost_WithTheirFields_AndThePeriodsSums()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        Assert.Equal(HttpStatusCode.OK, (await reporter.PutAsync(Cause("2.2"), Json(new { text = "Chưa ban hành kế hoạch 5 năm", version = 0 }), Cancel)).StatusCode);

        var gaps = await JsonAsync(await evaluator.GetAsync(Gaps(), Cancel));
        var items = gaps.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(
            ["indicator", "name", "mainIndex", "points", "maxPoints", "pointsLost", "measure", "cause", "causeVersion", "owner", "lastYear", "flags", "lastYearFrom"],
            items[0].EnumerateObject().Select(p => p.Name));
        var lost = items.Select(i => i.GetProperty("pointsLost").GetDecimal()).ToArray();
        Assert.Equal(lost.OrderDescending(), lost);
        var item = items.Single(i => i.GetProperty("indicator").GetString() == "2.2");
        Assert.Equal(("Chưa ban hành kế hoạch 5 năm", 1), (item.GetProperty("cause").GetString(), item.GetProperty("causeVersion").GetInt32()));
        Assert.Equal(("SO-A", true), (gaps.GetProperty("unit").GetString(), gaps.GetProperty("canWriteCauses").GetBoolean()));

        var period = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/gaps", Cancel));
        Assert.Equal(2, period.GetProperty("units").GetInt32());
        var sums = period.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pointsLost").GetDecimal()).ToArray();
        Assert.Equal(sums.OrderDescending(), sums);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync(Gaps("SO-Z"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task PutCause_RefusesAStaleVersion_AMissingVersion_AndATooLongText_SayingWhere()
    {
        using var leader = await Factory.ClientAsync("leader.so-a");
        using var evaluator = await Factory.ClientAsync("evaluator");

        var first = await leader.PutAsync(Cause("1.1"), Json(new { text = "Chưa có chuyên mục", version = 0 }), Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("1.1", 1, "leader.so-a"), ((await JsonAsync(first)).GetProperty("indicator").GetString(), (await JsonAsync(first)).GetProperty("version").GetInt32(), (await JsonAsync(first)).GetProperty("updatedBy").GetString()));

        var stale = await evaluator.PutAsync(Cause("1.1"), Json(new { text = "Khác", version = 0 }), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = (await JsonAsync(stale)).GetProperty("problems").EnumerateArray().Single();
        Assert.Equal(("APP-VERSION", "1.1", "version"), (problem.GetProperty("code").GetString(), problem.GetProperty("indicator").GetString(), problem.GetProperty("input").GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, (await evaluator.PutAsync(Cause("1.1"), Json(new { text = "Khác" }), Cancel)).StatusCode);
        var tooLong = await evaluator.PutAsync(Cause("1.1"), Json(new { text = new string('x', 3000), version = 1 }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("text", (await JsonAsync(tooLong)).GetProperty("problems")[0].GetProperty("input").GetString());
        Assert.DoesNotContain(new string('x', 300), await tooLong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.PutAsync(Cause("9.9"), Json(new { text = "x", version = 0 }), Cancel)).StatusCode);

        var cleared = await evaluator.PutAsync(Cause("1.1"), Json(new { text = (string?)null, version = 1 }), Cancel);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        Assert.Equal(
            [(null, "Chưa có chuyên mục", AuditChannel.Api), ("Chưa có chuyên mục", null, AuditChannel.Api)],
            (await db.AuditEntries.Where(a => a.Kind == AuditKind.Gap && a.Indicator == "1.1").OrderBy(a => a.Sequence).Select(a => new { a.OldValue, a.NewValue, a.Channel }).ToListAsync(Cancel))
                .Select(a => (a.OldValue, a.NewValue, a.Channel)));
    }

    [Fact]
    public async Task Files_AreAWorkbookAndAWordDocument()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var xlsx = await evaluator.GetAsync(Gaps() + ".xlsx", Cancel);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Cancel))))
        {
            Assert.Contains(book.Worksheet(1).CellsUsed(), c => c.GetString() == "Điểm chưa đạt");
        }

        var docx = await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/improvement-plan.docx?unit=SO-A", Cancel);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        using (var document = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync(Cancel)), false))
        {
            Assert.Contains("III. ĐÁNH GIÁ TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        // Two members: the plan's member must be named, except by a member's own user.
        Assert.Equal(HttpStatusCode.BadRequest, (await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/improvement-plan.docx", Cancel)).StatusCode);
        using var reporter = await Factory.ClientAsync("reporter.so-b");
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync($"/api/periods/{Factory.OpenPeriodId}/improvement-plan.docx", Cancel)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtySimultaneousRequests_ReadAlike_AndOneFirstCauseWins(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => factory.ClientAsync(i % 2 == 0 ? "evaluator" : "reporter.so-a")));
        var gaps = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/gaps";

        var reads = await Task.WhenAll(clients.Select(c => Task.Run(() => c.GetAsync(gaps, Cancel))));
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await Task.WhenAll(reads.Select(r => r.Content.ReadAsStringAsync(Cancel))).ContinueWith(t => t.Result.Distinct().ToArray(), TaskScheduler.Default));

        var writes = await Task.WhenAll(clients.Select((c, i) => Task.Run(() => c.PutAsJsonAsync(gaps + "/3.2/cause", new { text = "Nguyên nhân " + i, version = 0 }, Cancel))));
        Assert.Single(writes, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(writes.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        Assert.Equal(1, await db.GapCauses.CountAsync(Cancel));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Gap, Cancel));
    }
}
