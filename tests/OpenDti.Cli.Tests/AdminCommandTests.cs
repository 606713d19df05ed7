using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Identity;
using Xunit;

namespace OpenDti.Cli.Tests;

/// <summary><c>opendti admin create</c>: the first administrator of a database outside demo mode.</summary>
[Collection(AdminPasswordVariable.Collection)]
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opendti-admin").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private (int ExitCode, string Output, string Error) Create(string user, string? password, params string[] more)
    {
        Environment.SetEnvironmentVariable("OPENDTI_ADMIN_PASSWORD", password);
        try
        {
            return Cli.Run(["admin", "create", "--user", user, "--data-directory", _directory, .. more]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENDTI_ADMIN_PASSWORD", null);
        }
    }

    [Fact]
    public async Task Create_MakesAnAdministrator_WhoCanSignIn()
    {
        var (exitCode, output, _) = Create("quantri", "Quan@tri-2025");

        Assert.Equal(0, exitCode);
        Assert.Equal("Đã tạo tài khoản quản trị `quantri`.", output.Trim());
        var services = new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(_directory));
        services.AddIdentityCore<AppUser>(IdentityRules.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<OpenDtiDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync("quantri");
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, "Quan@tri-2025"));
        Assert.True(await users.IsInRoleAsync(user, Roles.Administrator));
        Assert.Null(user.Email);
    }

    [Fact]
    public async Task Create_WithAnEmail_GivesTheAdministratorThatAddress()
    {
        var (exitCode, _, error) = Create("quantri", "Quan@tri-2025", "--email", "quantri@stttt.gov.vn");

        Assert.Equal((0, string.Empty), (exitCode, error.Trim()));
        await using var provider = Users();
        await using var scope = provider.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("quantri");
        Assert.Equal(("quantri@stttt.gov.vn", "QUANTRI@STTTT.GOV.VN"), (user!.Email, user.NormalizedEmail));
    }

    [Fact]
    public async Task Create_WithAWrongEmail_SaysWhy_AndCreatesNothing()
    {
        var (exitCode, _, error) = Create("quantri", "Quan@tri-2025", "--email", "quantri@");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "lỗi: `quantri@` không phải là một địa chỉ thư điện tử (ví dụ: ten@stttt.gov.vn)\nlỗi: không tạo được tài khoản `quantri`",
            error.Trim().ReplaceLineEndings("\n"));
        await using var provider = Users();
        await using var scope = provider.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("quantri"));
    }

    private ServiceProvider Users()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(_directory));
        services.AddIdentityCore<AppUser>(IdentityRules.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<OpenDtiDbContext>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Create_Twice_SaysTheAccountExists()
    {
        Create("quantri", "Quan@tri-2025");

        var (exitCode, _, error) = Create("quantri", "Quan@tri-2025");

        Assert.Equal(1, exitCode);
        Assert.Equal("lỗi: đã có tài khoản `quantri`", error.Trim());
    }

    [Fact]
    public void WeakPassword_IsExplainedInVietnamese()
    {
        var (exitCode, _, error) = Create("quantri", "yeu");

        Assert.Equal(1, exitCode);
        Assert.Contains("lỗi: mật khẩu phải có ít nhất 12 ký tự", error, StringComparison.Ordinal);
        Assert.Contains("lỗi: không tạo được tài khoản `quantri`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAPassword_IsOneLine()
    {
        var (exitCode, _, error) = Create("quantri", null);

        Assert.Equal(1, exitCode);
        Assert.Equal("lỗi: không có mật khẩu: dùng --password-stdin hoặc đặt biến môi trường OPENDTI_ADMIN_PASSWORD", error.Trim());
    }
}
