using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Improvement;
using OpenDti.Core.Frameworks;
using OpenDti.Data;

namespace OpenDti.Application.Demo;

/// <summary>
/// The causes of the demo province's gaps (docs/improvement.md), worded as seed 002's section III: on the
/// province's self-assessment, the indicators losing most points get the cause of their main index, so that
/// the gap page and the drafted plan show "đạt …/… điểm. Nguyên nhân: …". Deterministic: the same data gives
/// the same causes.
/// </summary>
internal static class DemoGaps
{
    /// <summary>How many of the indicators losing most get a cause.</summary>
    public const int Causes = 8;

    /// <summary>The cause by main index, after seed 002.</summary>
    public static IReadOnlyDictionary<string, string> ByMainIndex { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1"] = "Các văn bản về chuyển đổi số đều do Phó Chủ tịch ký; chưa tham gia đầy đủ các cuộc họp của Ủy ban quốc gia.",
        ["2"] = "Chưa ban hành đầy đủ, kịp thời các văn bản, chính sách về chuyển đổi số.",
        ["3"] = "Việc sử dụng Internet băng rộng của người dân còn thấp; chưa kết nối với Nền tảng điện toán đám mây Chính phủ.",
        ["4"] = "Nhiều cơ quan chưa phân công công chức, viên chức kiêm nhiệm về chuyển đổi số.",
        ["5"] = "Còn nhiều hệ thống thông tin chưa được phê duyệt hồ sơ đề xuất cấp độ; kinh phí cho an toàn thông tin còn thấp.",
        ["6"] = "Tâm lý lo ngại mất hồ sơ, thói quen đến cơ quan nộp hồ sơ trực tiếp của người dân, doanh nghiệp.",
        ["7"] = "Số doanh nghiệp công nghệ số, doanh nghiệp nền tảng số còn thấp.",
        ["8"] = "Tỷ lệ người dân sử dụng dịch vụ số, thanh toán không dùng tiền mặt chưa cao.",
    };

    /// <summary>The cause of an indicator whose main index has none above.</summary>
    public const string Fallback = "Chưa triển khai đầy đủ theo yêu cầu của tiêu chí.";

    /// <summary>Writes the causes on the province's self-assessment, if the demo has one.</summary>
    public static async Task SeedAsync(IServiceProvider provider, Actor actor, CancellationToken ct)
    {
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        var gaps = provider.GetRequiredService<GapService>();
        var candidates = await db.Periods.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Framework!.Level }).ToListAsync(ct);
        if (candidates.FirstOrDefault(p => p.Level == FrameworkLevel.Province) is not { } province)
        {
            return;
        }

        var read = await gaps.UnitAsync(actor, province.Id, DemoData.ProvinceCode, cancellationToken: ct);
        if (!read.Succeeded)
        {
            throw new InvalidOperationException("The demo province's gaps: " + read.Message);
        }

        foreach (var item in read.Value!.Items.Where(i => i.PointsLost > 0).Take(Causes))
        {
            var text = ByMainIndex.TryGetValue(item.MainIndex, out var cause) ? cause : Fallback;
            var saved = await gaps.SaveCauseAsync(actor, province.Id, DemoData.ProvinceCode, item.Indicator, text, item.Cause?.Version ?? 0, ct);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException($"The demo cause of {item.Indicator}: {saved.Message}");
            }
        }

        db.ChangeTracker.Clear();
    }
}
