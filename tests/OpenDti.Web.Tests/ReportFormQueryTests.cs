using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>How many SQL commands the report form costs (docs/performance.md, "The report form's one service").</summary>
public sealed class ReportFormQueryTests : WebAppTest
{
    [Fact]
    public async Task TheForm_IsReadWithTheCommandsItNeeds_NotOnePerIndicator()
    {
        var browser = await SignedInAsync("evaluator");
        var path = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";
        using (var warm = await browser.GetAsync(path, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var counted = await CommandsAsync(async () =>
        {
            using var response = await browser.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        TestContext.Current.SendDiagnosticMessage($"form as evaluator: {counted} SQL commands");

        // 41 indicators, 71 inputs: 12 commands on 06/12/2026, 32 before the form resolved period, unit and rights once
        // (docs/performance.md); one more per indicator or input would be far above.
        Assert.InRange(counted, 1, 12);
    }

    [Fact]
    public async Task SavingOneValueInPlace_IsSavedWithTheCommandsItNeeds()
    {
        var browser = await SignedInAsync("reporter.so-a");
        var path = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";
        var token = AntiforgeryTokenIn(await browser.GetStringAsync(path, Cancel));
        async Task<HttpStatusCode> SaveAsync(string value, int version)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path + "?handler=Save")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { indicator = "2.1", input = "da_ban_hanh", value, version }),
            };
            request.Headers.Add("RequestVerificationToken", token);
            using var response = await browser.SendAsync(request, Cancel);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await SaveAsync("có", 0));
        var counted = await CommandsAsync(async () => Assert.Equal(HttpStatusCode.OK, await SaveAsync("không", 1)));
        TestContext.Current.SendDiagnosticMessage($"one value saved in place: {counted} SQL commands");

        // The save, its audit and the new points: 19 commands on 06/12/2026 (docs/performance.md), none per indicator.
        Assert.InRange(counted, 1, 19);
    }

    [Fact]
    public async Task AcceptingIndicators_IsDoneWithTheCommandsItNeeds()
    {
        foreach (var (user, step) in new[] { ("reporter.so-a", "submit"), ("leader.so-a", "approve"), ("evaluator", "start-review") })
        {
            using var api = await Factory.ClientAsync(user);
            using var done = await api.PostAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/{step}", Json(new { }), Cancel);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        var browser = await SignedInAsync("evaluator");
        var path = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";
        var token = AntiforgeryTokenIn(await browser.GetStringAsync(path, Cancel));
        var counted = await CommandsAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path + "?handler=AcceptMany")
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("accept", "1.1"), new("accept", "1.3")]),
            };
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await browser.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        TestContext.Current.SendDiagnosticMessage($"two indicators accepted in place: {counted} SQL commands");

        // 10 commands on 06/12/2026 (docs/performance.md): 6 to read, then a note and a history line per indicator.
        Assert.InRange(counted, 1, 10);
    }

    /// <summary>The SQL commands this test's database ran while <paramref name="action"/> ran.</summary>
    private async Task<int> CommandsAsync(Func<Task> action)
    {
        var count = 0;
        var database = Factory.Database.ConnectionString;
        using var subscription = Testing.DiagnosticEvents.Subscribe(DbLoggerCategory.Name, e =>
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data
                && data.Context?.Database.GetConnectionString() == database)
            {
                Interlocked.Increment(ref count);
            }
        });
        await action();
        return count;
    }
}
