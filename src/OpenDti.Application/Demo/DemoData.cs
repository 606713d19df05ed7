namespace OpenDti.Application.Demo;

/// <summary>A department of the demo province, with the size of its staff in the first demo year.</summary>
/// <param name="Code">Short ASCII code.</param>
/// <param name="Name">Official name.</param>
/// <param name="CivilServants">Công chức.</param>
/// <param name="PublicEmployees">Viên chức.</param>
/// <param name="SubordinateUnits">Cơ quan, đơn vị thuộc, trực thuộc.</param>
internal sealed record DemoDepartment(string Code, string Name, int CivilServants, int PublicEmployees, int SubordinateUnits);

/// <summary>A district of the demo province with its communes and its population in the first demo year.</summary>
/// <param name="Code">Code (HUYEN-01 …).</param>
/// <param name="Name">Official name.</param>
/// <param name="Population">Population (người), rounded to the thousand.</param>
/// <param name="Communes">Communes, wards and townships.</param>
internal sealed record DemoDistrict(string Code, string Name, int Population, IReadOnlyList<string> Communes);

/// <summary>
/// The demo province "Tỉnh Mẫu": the usual departments of a Vietnamese province (names as in the
/// seeds' plans) and nine invented districts whose populations add up to about 1.2 million.
/// </summary>
internal static class DemoData
{
    /// <summary>The province's code.</summary>
    public const string ProvinceCode = "TINH-MAU";

    /// <summary>The province's name.</summary>
    public const string ProvinceName = "Tỉnh Mẫu";

    /// <summary>The two years with general information; the first is the province's self-assessment year.</summary>
    public static IReadOnlyList<int> Years { get; } = [2023, 2024];

    /// <summary>The departments (sở, ban, ngành).</summary>
    public static IReadOnlyList<DemoDepartment> Departments { get; } =
    [
        new("VP-UBND", "Văn phòng UBND tỉnh", 68, 45, 4),
        new("SO-NOIVU", "Sở Nội vụ", 72, 30, 5),
        new("SO-TUPHAP", "Sở Tư pháp", 38, 42, 3),
        new("SO-KHDT", "Sở Kế hoạch và Đầu tư", 52, 14, 2),
        new("SO-TAICHINH", "Sở Tài chính", 64, 12, 2),
        new("SO-CONGTHUONG", "Sở Công Thương", 58, 36, 4),
        new("SO-NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", 118, 420, 14),
        new("SO-GTVT", "Sở Giao thông vận tải", 66, 85, 5),
        new("SO-XAYDUNG", "Sở Xây dựng", 45, 40, 3),
        new("SO-TNMT", "Sở Tài nguyên và Môi trường", 70, 160, 7),
        new("SO-TTTT", "Sở Thông tin và Truyền thông", 36, 28, 2),
        new("SO-LDTBXH", "Sở Lao động - Thương binh và Xã hội", 48, 260, 9),
        new("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", 46, 310, 8),
        new("SO-KHCN", "Sở Khoa học và Công nghệ", 34, 38, 3),
        new("SO-GDDT", "Sở Giáo dục và Đào tạo", 56, 800, 15),
        new("SO-YTE", "Sở Y tế", 62, 760, 13),
        new("SO-NGOAIVU", "Sở Ngoại vụ", 22, 6, 2),
        new("THANHTRA", "Thanh tra tỉnh", 40, 0, 2),
        new("BAN-DANTOC", "Ban Dân tộc", 24, 0, 2),
        new("BQL-KCN", "Ban Quản lý các khu công nghiệp", 32, 18, 2),
    ];

    /// <summary>The districts (huyện, thị xã, thành phố) and their communes (xã, phường, thị trấn).</summary>
    public static IReadOnlyList<DemoDistrict> Districts { get; } =
    [
        new("HUYEN-01", "Thành phố Bình An", 246_000,
            ["Phường Trần Phú", "Phường Lê Lợi", "Phường Quang Trung", "Phường Hòa Thuận", "Phường Tân Lợi", "Xã Bình Hòa", "Xã An Phú", "Xã Phước Hải"]),
        new("HUYEN-02", "Thị xã Hòa Lạc", 134_000,
            ["Phường Hòa Lạc", "Phường Đông Tiến", "Phường Bắc Sơn", "Xã Hòa Tiến", "Xã Hòa Phong", "Xã Lạc Thủy"]),
        new("HUYEN-03", "Huyện Sông Cầu", 158_000,
            ["Thị trấn Sông Cầu", "Xã Xuân Lộc", "Xã Xuân Hòa", "Xã Xuân Thịnh", "Xã Xuân Phương", "Xã Xuân Lâm", "Xã Cầu Bình"]),
        new("HUYEN-04", "Huyện Đồng Tiến", 96_000,
            ["Thị trấn Đồng Tiến", "Xã Đồng Tâm", "Xã Đồng Lạc", "Xã Tiến Thắng", "Xã Tiến Hưng"]),
        new("HUYEN-05", "Huyện Phú Thạnh", 121_000,
            ["Thị trấn Phú Thạnh", "Xã Phú Mỹ", "Xã Phú Hòa", "Xã Thạnh Lợi", "Xã Thạnh Phước", "Xã Mỹ An"]),
        new("HUYEN-06", "Huyện Tân Lập", 84_000,
            ["Thị trấn Tân Lập", "Xã Tân Sơn", "Xã Tân Thành", "Xã Lập Thạch"]),
        new("HUYEN-07", "Huyện Vĩnh Hòa", 142_000,
            ["Thị trấn Vĩnh Hòa", "Xã Vĩnh Phúc", "Xã Vĩnh Thịnh", "Xã Vĩnh An", "Xã Hòa Bình", "Xã Hòa Lợi", "Xã Vĩnh Xuân"]),
        new("HUYEN-08", "Huyện Ngọc Lâm", 109_000,
            ["Thị trấn Ngọc Lâm", "Xã Ngọc Sơn", "Xã Ngọc Tân", "Xã Lâm Phong", "Xã Lâm Hà"]),
        new("HUYEN-09", "Huyện Cẩm Phong", 113_000,
            ["Thị trấn Cẩm Phong", "Xã Cẩm Sơn", "Xã Cẩm Thủy", "Xã Phong Quang", "Xã Trà Linh", "Xã Phong Mỹ"]),
    ];

    /// <summary>The code of the <paramref name="index"/>-th (0-based) commune of <paramref name="district"/>: XA-01-03.</summary>
    public static string CommuneCode(DemoDistrict district, int index) =>
        "XA-" + district.Code[^2..] + "-" + (index + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
