using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A plan table's preview runs the plan's own checks by saving in a transaction that is rolled back: on each
/// provider (PostgreSQL when OPENDTI_TEST_POSTGRES is set), the preview names the problem and leaves the plan
/// and its versions as they were, and the apply saves once.
/// </summary>
public sealed class PlanExchangeDatabaseTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlanTable_PreviewIsRolledBack_ApplySavesOnce(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var client = await factory.ClientAsync("evaluator");
        var plan = $"/api/periods/{factory.OpenPeriodId}/plan";
        using (var saved = await client.PutAsJsonAsync(plan + "?unit=SO-A", new[] { new { indicator = "2.1", leadUnit = "SO-B", target = "Có" } }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var downloaded = await client.GetByteArrayAsync(plan + ".xlsx?unit=SO-A&layout=004", Cancel);
        static MultipartFormDataContent Upload(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "ke-hoach.xlsx" } };

        using var preview = await client.PostAsync(plan + "/xlsx?unit=SO-A", Upload(WithDeadline(downloaded, "31/02/2024")), Cancel);
        var problem = Assert.Single(JsonDocument.Parse(await preview.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(("APP-PLAN-DEADLINE", "deadline"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal((1, null), await RowAsync(client, plan));

        using var applied = await client.PostAsync(plan + "/xlsx?unit=SO-A&apply=true", Upload(WithDeadline(downloaded, "20/12/2024")), Cancel);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal((2, "20/12/2024"), await RowAsync(client, plan));
    }

    private static async Task<(int Version, string? Deadline)> RowAsync(HttpClient client, string plan)
    {
        var rows = JsonDocument.Parse(await client.GetStringAsync(plan + "?unit=SO-A", Cancel)).RootElement.GetProperty("rows");
        var row = rows.EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == "2.1");
        return (row.GetProperty("version").GetInt32(), row.GetProperty("deadline").GetString());
    }

    private static byte[] WithDeadline(byte[] bytes, string deadline)
    {
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        var row = Enumerable.Range(1, 500).First(r => sheet.Cell(r, 1).GetString() == "2.1");
        sheet.Cell(row, 6).SetValue(deadline);
        sheet.Cell(row, 6).DataType = XLDataType.Text;
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }
}
