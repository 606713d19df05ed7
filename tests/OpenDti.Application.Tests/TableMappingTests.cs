using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Tables;
using OpenDti.Core.Text;
using OpenDti.Data.Periods;
using OpenDti.Exchange.Tables;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>The ranking as a table: the columns follow the read model, and last year's change is there only when there is a last year.</summary>
public sealed class TableMappingTests
{
    private static readonly PeriodSummary Period = new(2, "dti-department-2022", 2024, "DTI 2024", PeriodStatus.Published, new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 31), 2);

    private static UnitResult Unit(string code, decimal total, int rank, params (string Code, decimal Points, int Rank)[] indices) =>
        new(code, "Sở " + code, total, rank, true, true, 10, 20, indices.Select(i => new MainIndexResult(i.Code, "Chỉ số " + i.Code, i.Points, 100, i.Rank)).ToArray());

    private static PeriodOverview Overview(PeriodSummary? previous, params RankingRow[] rows) => new(
        Period, "Bộ chỉ số", 200, [new MainIndexColumn("1", "Nhận thức số", 100, false), new MainIndexColumn("2", "Thể chế số", 100, false)], rows, previous, [], [], new DateOnly(2026, 12, 6));

    [Fact]
    public void YearChange_IsComputedPerMainIndex_ForTheIndicesOfBothYears()
    {
        var now = Unit("A", 150m, 1, ("1", 80m, 1), ("2", 70m, 2), ("3", 0m, 1));
        var last = Unit("A", 120m, 3, ("1", 50m, 4), ("2", 70m, 1));

        var change = YearChange.Between(now, last);

        Assert.Equal(30m, change.PointsDifference);
        Assert.Equal(2, change.RankChange);
        Assert.Equal(
            new[] { new MainIndexChange("1", 50m, 4, 30m, 3), new MainIndexChange("2", 70m, 1, 0m, -1) },
            change.MainIndices);
    }

    [Fact]
    public void Ranking_WithoutLastYear_HasNoChangeColumns_AndNotesAUnitThatDidNotSubmit()
    {
        var row = new RankingRow(Unit("A", 150m, 1, ("1", 80m, 1), ("2", 70m, 2)) with { NotSubmitted = true }, null);

        var table = TableService.Ranking(Overview(null, row), Language.Vietnamese, new DateOnly(2026, 12, 6));

        Assert.Equal("Xếp hạng — DTI 2024", table.Title);
        Assert.Equal("Xuất ngày 06/12/2026", table.Subtitle);
        Assert.Equal(
            new[] { "Hạng", "Mã đơn vị", "Tên đơn vị", "Tổng điểm", "Tỷ lệ chỉ tiêu đã kê khai", "1. Nhận thức số — điểm đạt được (điểm chuẩn 100)", "1 — hạng", "2. Thể chế số — điểm đạt được (điểm chuẩn 100)", "2 — hạng", "Ghi chú" },
            table.Columns.Select(c => c.Header));
        Assert.Equal(new object?[] { 1, "A", "Sở A", 150m, 0.5m, 80m, 1, 70m, 2, "Không gửi hồ sơ" }, table.Rows[0]);
        Assert.Equal(ColumnKind.Percent, table.Columns[4].Kind);
    }

    [Fact]
    public void Ranking_WithLastYear_HasTheChange_OverallAndPerMainIndex_EmptyForANewUnit()
    {
        var previous = Period with { Id = 1, Year = 2023, Name = "DTI 2023" };
        var a = Unit("A", 150m, 1, ("1", 80m, 1), ("2", 70m, 2));
        var rows = new[]
        {
            new RankingRow(a, YearChange.Between(a, Unit("A", 120m, 2, ("1", 50m, 2), ("2", 70m, 1)))),
            new RankingRow(Unit("B", 100m, 2, ("1", 20m, 2), ("2", 80m, 1)), null),
        };

        var table = TableService.Ranking(Overview(previous, rows), Language.English, new DateOnly(2026, 12, 6));

        Assert.Equal("Exported on 6 December 2026; change against the period DTI 2023", table.Subtitle);
        Assert.Equal(
            new[] { "Rank", "Unit code", "Unit", "Total points", "Inputs answered", "Total last year", "Change in points", "Rank last year", "Change in rank (+ is up)", "Last year combined from",
             "1. Nhận thức số — points (of 100)", "1 — rank", "1 — change in points", "1 — change in rank",
             "2. Thể chế số — points (of 100)", "2 — rank", "2 — change in points", "2 — change in rank", "Note" },
            table.Columns.Select(c => c.Header));
        Assert.Equal(new object?[] { 1, "A", "Sở A", 150m, 0.5m, 120m, 30m, 2, 1, null, 80m, 1, 30m, 1, 70m, 2, 0m, -1, null }, table.Rows[0]);
        Assert.All(table.Rows[1].Skip(5).Take(5), Assert.Null);
        table.Validate();
    }
}
