using System.Net;
using System.Text;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A NUL character (<c>%00</c>, <c>\u0000</c>) wherever a request can carry text: PostgreSQL refuses it in
/// any query or row, so each is a 400 saying so, on SQLite and on PostgreSQL alike, and nothing is saved.
/// (A NUL in the path itself is refused by the server before the application sees it.)
/// </summary>
public sealed class NulCharacterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Nul_InTheAddressABodyOrAForm_Is400_OnEveryDatabase(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var reporter = await factory.ClientAsync("reporter.so-a");
        using var admin = await factory.ClientAsync("admin");
        var values = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/values";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("2.1"), "indicator" },
            { new StringContent("Kế hoạch\0số 1"), "summary" },
            { new ByteArrayContent(Testing.Evidence.SampleFiles.Pdf("nul")), "file", "Kế hoạch.pdf" },
        };

        var answers = new[]
        {
            await admin.GetAsync("/api/units/SO-A?year=%00", Cancel),
            await admin.GetAsync("/api/audit?user=%00", Cancel),
            await reporter.PutAsync(values + "?reason=a%00b", Json("""[{"indicator":"2.1","input":"da_ban_hanh","value":"có"}]"""), Cancel),
            await reporter.PutAsync(values, Json("""[{"indicator":"2.1","input":"da_ban_hanh","value":"c\u0000ó"}]"""), Cancel),
            await reporter.PutAsync(values, Json("""[{"indicator":"2.1\u0000","input":"da_ban_hanh","value":"có"}]"""), Cancel),
            await admin.PostAsync("/api/periods", Json("""{"frameworkCode":"dti-department-2022","year":2026,"name":"Kỳ","opensOn":"2026-01-01","closesOn":"2026-02-01","unitCodes":["SO-A\u0000"]}"""), Cancel),
            await reporter.PostAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/evidence", form, Cancel),
            await factory.CreateClient().PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin\0", ["Password"] = "x" }), Cancel),
        };

        var wrong = answers.Where(a => a.StatusCode != HttpStatusCode.BadRequest).Select(a => $"{a.RequestMessage!.Method} {a.RequestMessage.RequestUri}: {(int)a.StatusCode}").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
        using var check = await factory.ClientAsync("evaluator");
        Assert.Equal("[]", await check.GetStringAsync(values, Cancel));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
