using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Core.Tests.Frameworks;

/// <summary>
/// A crosswalk between two editions of a framework: proposed from names and rules, checked so that every node of both
/// is accounted for and every kind fits its sides, and read and written as CSV with located errors.
/// </summary>
public class CrosswalkTests
{
    /// <summary>A one-main-index framework of 40 points whose leaves are <paramref name="leaves"/> (code, name), 10 points each but the last.</summary>
    private static Framework Edition(string code, params (string Code, string Name)[] leaves)
    {
        var points = leaves.Select((_, i) => i < leaves.Length - 1 ? 10 : 40 - (10 * (leaves.Length - 1))).ToArray();
        var yaml = $"""
            code: {code}
            name: Thử
            year: 2025
            level: department
            total_points: 40
            nodes:
              - code: "1"
                kind: main_index
                name: Nhận thức số
                max_points: 40
                children:
            {string.Concat(leaves.Select((l, i) => $"""
                      - code: "{l.Code}"
                        name: {l.Name}
                        max_points: {points[i]}
                        inputs:
                          - name: co
                            label: Có
                            kind: yes_no
                        rule: co

            """))}
            """;
        var loaded = FrameworkLoader.Load(yaml, code + ".yaml");
        return loaded.Framework ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics.Select(d => d.ToLine())));
    }

    private static readonly Framework Older = Edition(
        "cu",
        ("1.1", "Ban hành kế hoạch chuyển đổi số năm"),
        ("1.2", "Có chuyên mục chuyển đổi số trên trang thông tin điện tử"),
        ("1.3", "Tổ chức tập huấn kỹ năng số cho cán bộ"),
        ("1.4", "Tổ chức tập huấn an toàn thông tin cho cán bộ"));

    private static readonly Framework Newer = Edition(
        "moi",
        ("1.1", "Ban hành kế hoạch chuyển đổi số năm"),
        ("1.2", "Có chuyên mục riêng về chuyển đổi số trên cổng thông tin điện tử"),
        ("1.3", "Tổ chức tập huấn kỹ năng số và an toàn thông tin cho cán bộ"),
        ("1.4", "Ứng dụng trí tuệ nhân tạo"));

    [Fact]
    public void TheProposal_KeepsTheSameNode_FindsARenameAMergeAndANewNode()
    {
        var crosswalk = Crosswalk.Propose(Older, Newer);

        Assert.Equal(
            [
                "1 → 1 same",
                "1.1 → 1.1 same",
                "1.2 → 1.2 renamed",
                "1.3 → 1.3 merged",
                "1.4 → 1.3 merged",
                " → 1.4 new",
            ],
            crosswalk.Links.Select(l => $"{l.From} → {l.To} {Crosswalk.KindName(l.Kind)}"));
        Assert.Equal(["1.3", "1.4"], crosswalk.Sources("1.3"));
        Assert.Empty(crosswalk.Sources("1.4"));
    }

    [Fact]
    public void TheProposal_FindsASplit_TheOtherWayRound()
    {
        var crosswalk = Crosswalk.Propose(Newer, Older);

        Assert.Equal(["1.3", "1.4"], crosswalk.Targets("1.3"));
        Assert.All(crosswalk.Links.Where(l => l.From == "1.3"), l => Assert.Equal(Continuation.Split, l.Kind));
        Assert.Contains(crosswalk.Links, l => l.From == "1.4" && l.Kind == Continuation.Dropped);
    }

    public static TheoryData<string, string> BuiltInPairs() =>
        [.. BuiltInFrameworks.Codes.SelectMany(a => BuiltInFrameworks.Codes.Select(b => (a, b)))];

    [Theory]
    [MemberData(nameof(BuiltInPairs))]
    public void EveryProposal_IsACrosswalkThatPassesItsOwnCheck(string from, string to)
    {
        var (a, b) = (BuiltInFrameworks.Get(from), BuiltInFrameworks.Get(to));
        var proposal = Crosswalk.Propose(a, b);

        var (checkedCrosswalk, diagnostics) = Crosswalk.Check(a, b, proposal.Links);

        Assert.Empty(diagnostics.Select(d => d.ToLine()));
        Assert.NotNull(checkedCrosswalk);
        if (from == to)
        {
            Assert.All(proposal.Links, l => Assert.Equal(Continuation.Same, l.Kind));
        }
    }

    [Fact]
    public void TheProvinceAndDistrictFrameworks_FollowAnIndicatorAcrossAChangeOfCode()
    {
        var crosswalk = Crosswalk.Propose(BuiltInFrameworks.Get("dti-province-2022"), BuiltInFrameworks.Get("dti-district-2023"));

        // "Tỷ lệ công chức, viên chức chuyên trách, kiêm nhiệm về chuyển đổi số" is 4.5 of the province and 4.3 of a district.
        Assert.Equal(["4.5"], crosswalk.Sources("4.3"));
        Assert.Empty(crosswalk.Targets("4.3"));
    }

    [Fact]
    public void EveryProblem_IsLocatedByLine_AndNothingIsReturned()
    {
        CrosswalkLink[] links =
        [
            new("1", "1", Continuation.Same, 2),
            new("1.1", "1.1", Continuation.Same, 3),
            new("1.2", "1.2", Continuation.Same, 4),
            new("1.3", "1.3", Continuation.Merged, 5),
            new("1.9", "1.4", Continuation.Renamed, 6),
            new(null, "1.4", Continuation.Dropped, 7),
            new("1.1", "1.1", Continuation.Same, 8),
        ];

        var (crosswalk, diagnostics) = Crosswalk.Check(Older, Newer, links, "doi-chieu.csv");

        Assert.Null(crosswalk);
        Assert.Equal(
            [
                "doi-chieu.csv:6: lỗi DTI8001: chỉ số 1.9: không có nút `1.9` trong bộ chỉ số cu",
                "doi-chieu.csv:7: lỗi DTI8002: chỉ số 1.4: kiểu `dropped` cần: same, renamed, merged, split — cả nút cũ và nút mới; new — chỉ nút mới; dropped — chỉ nút cũ",
                "doi-chieu.csv:8: lỗi DTI8003: chỉ số 1.1: dòng này lặp lại một dòng trước",
                "doi-chieu.csv:4: lỗi DTI8005: chỉ số 1.2: `1.2` và `1.2` khác tên: dùng renamed thay cho same",
                "doi-chieu.csv:5: lỗi DTI8004: chỉ số 1.3: kiểu `merged` không khớp: nút cũ xuất hiện ở 1 dòng, nút mới ở 1 dòng (same, renamed: một–một; merged: nhiều nút cũ vào một nút mới; split: một nút cũ thành nhiều nút mới)",
                "doi-chieu.csv: lỗi DTI8006: chỉ số 1.4: nút này của bộ chỉ số cu chưa có trong bảng đối chiếu: nối với một nút, hoặc ghi new/dropped",
                "doi-chieu.csv: lỗi DTI8006: chỉ số 1.4: nút này của bộ chỉ số moi chưa có trong bảng đối chiếu: nối với một nút, hoặc ghi new/dropped",
            ],
            diagnostics.Select(d => d.ToLine()));
    }

    [Fact]
    public void TheCsv_WritesTheProposalWithNames_AndReadsItBackTheSame()
    {
        var proposal = Crosswalk.Propose(Older, Newer);
        using var writer = new StringWriter();
        CrosswalkCsv.Write(writer, proposal, Older, Newer);

        var (read, diagnostics) = CrosswalkCsv.Read(new StringReader(writer.ToString()), Older, Newer, "doi-chieu.csv");

        Assert.Empty(diagnostics);
        Assert.Equal(proposal.Links.Select(l => (l.From, l.To, l.Kind)), read!.Links.Select(l => (l.From, l.To, l.Kind)));
        Assert.Contains("1.2,1.2,renamed,Có chuyên mục chuyển đổi số trên trang thông tin điện tử,Có chuyên mục riêng về chuyển đổi số trên cổng thông tin điện tử", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKind_IsNamedWithItsLine()
    {
        var (read, diagnostics) = CrosswalkCsv.Read(new StringReader("from,to,kind,from_name,to_name\n1,1,giống,,\n"), Older, Newer, "doi-chieu.csv");

        Assert.Null(read);
        Assert.Equal(
            ["doi-chieu.csv:2: lỗi DTI8007: trường `kind`: không có kiểu đối chiếu `giống`; dùng same, renamed, merged, split, new hoặc dropped"],
            diagnostics.Select(d => d.ToLine()));
    }
}
