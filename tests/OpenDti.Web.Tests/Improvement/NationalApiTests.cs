using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests.Improvement;

/// <summary>
/// The national DTI's routes (docs/api.md, docs/improvement.md "The national DTI"): the reference values as the
/// command line's CSV or JSON, refused with each row and indicator; the national table as CSV with its 0–1 values;
/// the estimate, scored with the references, under 30 requests at once.
/// </summary>
public sealed class NationalApiTests : WebAppTest
{
    /// <summary>Đà Nẵng's DTI 2022 as published (values × max points), and this province with Tiền Giang's points of seed 002.</summary>
    private const string Table2022 =
        "province;own;total;rank;source;1;rank_1;2;rank_2;3;rank_3;4;rank_4;5;rank_5;6;rank_6;7;rank_7;8;rank_8\n"
        + "Đà Nẵng;không;800,18;1;dti.gov.vn, DTI 2022;100;;90;;82,53;;84,87;;75,78;;171,5;;117,54;;77,9550;\n"
        + "Tỉnh Thử;có;627,42;20;Kế hoạch 444/KH-UBND;87,50;40;80;15;64,43;28;75,38;4;60,6;8;127,75;27;85,36;24;46,40;18\n";

    private static string Sample(string name) => Testing.TestFrameworks.RepositoryFile("samples/tien-giang-2022/" + name);

    [Fact]
    public async Task References_FromTheCommandLinesCsv_AreReadBack_AndABadFileIsRefusedWithEachRowAndIndicator()
    {
        var period = await NationalMatrix.ProvincePeriodAsync(Factory);
        using var evaluator = await Factory.ClientAsync("evaluator");
        var put = await evaluator.PutAsync($"/api/periods/{period}/references", new StringContent(Sample("reference.csv"), Encoding.UTF8, "text/csv"), Cancel);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(16, (await put.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("count").GetInt32());

        using var viewer = await Factory.ClientAsync("viewer");
        var read = await viewer.GetFromJsonAsync<JsonElement>($"/api/periods/{period}/references", Cancel);
        Assert.Equal(16, read.GetProperty("items").GetArrayLength());
        var best = read.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "7.10");
        Assert.Equal(("Cao nhất cả nước 2022", 0.9185m), (best.GetProperty("label").GetString(), best.GetProperty("measure").GetDecimal()));

        var bad = await evaluator.PutAsync(
            $"/api/periods/{period}/references",
            new StringContent("indicator,label,measure\n7.10,Cao nhất,\"91,85%\"\n1.1,x,1\n8.6,y,nhiều\n", Encoding.UTF8, "text/csv"),
            Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("row").GetInt32(), p.GetProperty("indicator").GetString()))
            .ToArray();
        Assert.Equal([("APP-REFERENCE-NOT-COHORT", 3, "1.1"), ("APP-REFERENCE-MEASURE", 4, "8.6")], problems);
        Assert.Equal(16, (await viewer.GetFromJsonAsync<JsonElement>($"/api/periods/{period}/references", Cancel)).GetProperty("items").GetArrayLength());

        var header = await evaluator.PutAsync($"/api/periods/{period}/references", new StringContent("chi_tieu,nguon\n", Encoding.UTF8, "text/csv"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Equal(1, (await header.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("problems")[0].GetProperty("row").GetInt32());
        var xml = await evaluator.PutAsync($"/api/periods/{period}/references", new StringContent("<a/>", Encoding.UTF8, "application/xml"), Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
    }

    [Fact]
    public async Task NationalTable_AsCsv_GivesThePublishedValues_AndTheEstimateHoldsUnder30RequestsAtOnce()
    {
        var period = await NationalMatrix.ProvincePeriodAsync(Factory);
        using var evaluator = await Factory.ClientAsync("evaluator");
        var values = Sample("values.csv").Replace("TIEN-GIANG,", "TINH,", StringComparison.Ordinal);
        var saved = await evaluator.PutAsync($"/api/periods/{period}/values", new StringContent(values, Encoding.UTF8, "text/csv"), Cancel);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync($"/api/periods/{period}/references", new StringContent(Sample("reference.csv"), Encoding.UTF8, "text/csv"), Cancel)).StatusCode);

        var table = Table2022;
        var put = await evaluator.PutAsync("/api/national/2023", new StringContent(table, Encoding.UTF8, "text/csv"), Cancel);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var viewer = await Factory.ClientAsync("reporter.so-a");
        var national = await viewer.GetFromJsonAsync<JsonElement>("/api/national/2023", Cancel);
        var daNang = national.GetProperty("provinces")[0];
        Assert.Equal(("Đà Nẵng", 0.8002m), (daNang.GetProperty("province").GetString(), daNang.GetProperty("dti").GetDecimal()));
        Assert.Equal([1.0000m, 0.9000m, 0.8253m, 0.8487m, 0.7578m, 0.8575m, 0.7836m, 0.5197m], daNang.GetProperty("mainIndices").EnumerateArray().Select(m => m.GetProperty("value").GetDecimal()));

        using var staff = await Factory.ClientAsync("viewer");
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => staff.GetAsync($"/api/periods/{period}/national-estimate", Cancel)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync(Cancel)));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        var estimate = JsonDocument.Parse(bodies[0]).RootElement;
        Assert.Equal((627.44m, 0.6274m, 2, 2), (estimate.GetProperty("total").GetDecimal(), estimate.GetProperty("dti").GetDecimal(), estimate.GetProperty("rank").GetInt32(), estimate.GetProperty("rankedAmong").GetInt32()));
        Assert.Equal((627.42m, 20), (estimate.GetProperty("lastYear").GetProperty("total").GetDecimal(), estimate.GetProperty("lastYear").GetProperty("rank").GetInt32()));

        var wrong = await evaluator.PutAsync("/api/national/2023", new StringContent("province;own;total\nHuế;;1\n", Encoding.UTF8, "text/csv"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var points = await evaluator.PutAsync("/api/national/2023", JsonContent.Create(new[] { new { province = "Huế", total = 1200m } }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, points.StatusCode);
        var problem = (await points.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("problems")[0];
        Assert.Equal(("APP-NATIONAL-POINTS", 1, "Huế"), (problem.GetProperty("code").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("province").GetString()));
    }
}
