using System.Net;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The 2025 two-level reform through the API (issue 17 point 1): a district closed with its communes moved under the
/// province the same day, a dated move, units read as of a day, and a period's merger rule.
/// </summary>
public sealed class TwoLevelApiTests : WebAppTest
{
    [Fact]
    public async Task ClosingADistrict_MovesItsCommunesUnderTheProvince_AndTheUnitsOf2024ReadAsTheyWere()
    {
        using var admin = await Factory.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/units", Json(new { code = "HUYEN-X", name = "Huyện X", level = "district", parentCode = "TINH" }), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/units", Json(new { code = "XA-X1", name = "Thị trấn X", level = "commune", parentCode = "HUYEN-X" }), Cancel)).StatusCode);

        var early = await admin.PostAsync("/api/units/HUYEN-X/close", Json(new { effectiveOn = "2025-06-30", moveChildrenTo = "TINH" }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("xã phải thuộc một huyện, nhưng `TINH` là tỉnh", await TitleAsync(early));

        var closed = await admin.PostAsync("/api/units/HUYEN-X/close", Json(new { effectiveOn = "2025-07-01", note = "Nghị quyết", moveChildrenTo = "TINH" }), Cancel);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var commune = await JsonAsync(await admin.GetAsync("/api/units/XA-X1", Cancel));
        var move = commune.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Moved");
        Assert.Equal(("2025-07-01", "HUYEN-X", "TINH"), (move.GetProperty("effectiveOn").GetString(), move.GetProperty("oldParent").GetString(), move.GetProperty("newParent").GetString()));

        var now = (await JsonAsync(await admin.GetAsync("/api/units", Cancel))).EnumerateArray().Single(u => u.GetProperty("code").GetString() == "XA-X1");
        Assert.Equal("TINH", now.GetProperty("parentCode").GetString());
        var then = (await JsonAsync(await admin.GetAsync("/api/units?asOf=2024-12-31", Cancel))).EnumerateArray().ToArray();
        Assert.Equal(("HUYEN-X", true), (then.Single(u => u.GetProperty("code").GetString() == "XA-X1").GetProperty("parentCode").GetString(), then.Single(u => u.GetProperty("code").GetString() == "HUYEN-X").GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task AMove_IsForAdministrators_AndAnUnknownParentIs404()
    {
        using var admin = await Factory.ClientAsync("admin");
        using var viewer = await Factory.ClientAsync("viewer");

        var forbidden = await viewer.PostAsync("/api/units/SO-A/move", Json(new { parentCode = "TINH", effectiveOn = "2025-07-01" }), Cancel);
        var unknown = await admin.PostAsync("/api/units/SO-A/move", Json(new { parentCode = "TINH-KHAC", effectiveOn = "2025-07-01" }), Cancel);
        var missing = await admin.PostAsync("/api/units/SO-A/move", Json(new { effectiveOn = "2025-07-01" }), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("không có đơn vị `TINH-KHAC`", await TitleAsync(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task APeriodsMergerRule_IsSetByName_Audited_AndAnUnknownNameIs400()
    {
        using var admin = await Factory.ClientAsync("admin");
        var period = $"/api/periods/{Factory.OpenPeriodId}";

        Assert.Equal("mean", (await JsonAsync(await admin.GetAsync(period, Cancel))).GetProperty("mergerRule").GetString());
        var set = await admin.PutAsync(period + "/merger-rule", Json(new { rule = "population" }), Cancel);
        var wrong = await admin.PutAsync(period + "/merger-rule", Json(new { rule = "median" }), Cancel);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("population", (await JsonAsync(set)).GetProperty("mergerRule").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(
            "cách tính kết quả của đơn vị sau sáp nhập không hợp lệ: rule là mean (trung bình cộng) hoặc population (bình quân theo dân số)",
            await TitleAsync(wrong));
    }
}
