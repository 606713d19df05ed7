namespace OpenDti.Web.Startup;

/// <summary>The application's log messages (source-generated: nothing is formatted when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "OpenDti đang chạy tại {Url} (API: {Url}/scalar, sức khỏe: {Url}/health)")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Dữ liệu: {DataDirectory}")]
    public static partial void DataDirectory(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Đã tạo tài khoản quản trị {UserName} từ cấu hình OpenDti:Admin.")]
    public static partial void AdministratorCreated(ILogger logger, string userName);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Tài khoản mẫu (mật khẩu {Password}): {Accounts}")]
    public static partial void DemoAccounts(ILogger logger, string password, string accounts);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Đã tạo tỉnh mẫu: {Units} đơn vị, {Periods} kỳ đánh giá, {Values} giá trị.")]
    public static partial void DemoSeeded(ILogger logger, int units, int periods, int values);

    [LoggerMessage(EventId = 6, Level = LogLevel.Critical, Message = "OpenDti không khởi động được: {Reason} ({DataDirectory}). / OpenDti cannot start: {ReasonInEnglish} ({DataDirectory}).")]
    public static partial void StorageUnavailableAtStart(ILogger logger, string reason, string reasonInEnglish, string dataDirectory);

    [LoggerMessage(EventId = 7, Level = LogLevel.Critical, Message = "OpenDti không khởi động được: cổng của {Urls} đang được một chương trình khác dùng. Chọn cổng khác: dotnet run --project src/OpenDti.Web --urls http://localhost:5081 (hoặc biến môi trường ASPNETCORE_URLS). / OpenDti cannot start: the port of {Urls} is in use; choose another with --urls or ASPNETCORE_URLS.")]
    public static partial void AddressInUse(ILogger logger, string urls);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "OpenDti không khởi động được: không kết nối được cơ sở dữ liệu {Provider} ({Reason}). Kiểm tra OpenDti:Database:ConnectionString (máy chủ, tên cơ sở dữ liệu, tài khoản, mật khẩu) và máy chủ cơ sở dữ liệu đang chạy. / OpenDti cannot start: the {Provider} database cannot be reached ({Reason}); check OpenDti:Database:ConnectionString and that the database server runs.")]
    public static partial void DatabaseUnavailableAtStart(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Critical, Message = "OpenDti không khởi động được: thiết lập sai: {Failures}. Sửa trong appsettings.json hoặc biến môi trường tương ứng. / OpenDti cannot start: a setting is wrong: {Failures}.")]
    public static partial void SettingWrongAtStart(ILogger logger, string failures);
}
