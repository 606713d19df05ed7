using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application.Accounts;
using OpenDti.Data.Identity;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The password rules, as an administrator meets them creating an account: at least 12 characters with
/// the four kinds of character, not a common password, not the user name, not the demo's password.
/// </summary>
public sealed class PasswordPolicyTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("Password1!", new[] { "mật khẩu phải có ít nhất 12 ký tự", "mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ tấn công thử trước tiên; hãy chọn một cụm từ khó đoán hơn" })]
    [InlineData("Password123!", new[] { "mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ tấn công thử trước tiên; hãy chọn một cụm từ khó đoán hơn" })]
    [InlineData("Qwerty@123456", new[] { "mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ tấn công thử trước tiên; hãy chọn một cụm từ khó đoán hơn" })]
    [InlineData("Matkhau@2024!", new[] { "mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ tấn công thử trước tiên; hãy chọn một cụm từ khó đoán hơn" })]
    [InlineData("Demo@12345", new[] { "mật khẩu phải có ít nhất 12 ký tự", "đây là mật khẩu của bản trình diễn, đã công bố trong tài liệu; không dùng được ngoài chế độ trình diễn" })]
    [InlineData("demo@12345", new[] { "mật khẩu phải có ít nhất 12 ký tự", "mật khẩu phải có ít nhất một chữ in hoa", "đây là mật khẩu của bản trình diễn, đã công bố trong tài liệu; không dùng được ngoài chế độ trình diễn" })]
    [InlineData("Toi-la-xem.so-a!9", new[] { "mật khẩu không được chứa tên đăng nhập" })]
    public async Task Create_WithAWeakPassword_NamesEachBrokenRule(string password, string[] expected)
    {
        var outcome = await CreateAsync("xem.so-a", password);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(expected, outcome.Problems.Select(p => p.Message.ToString()));
    }

    [Theory]
    [InlineData("Kiem-Thu@2024")]
    [InlineData("Sở-TTTT báo cáo 2024!")]
    [InlineData("Ba con mèo #7 đi học")]
    public async Task Create_WithAPassphrase_IsAccepted(string password)
    {
        var outcome = await CreateAsync("xem", password);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message.ToString())));
    }

    [Fact]
    public void CommonPasswords_AreComparedWholeAndWithoutTheDigitsAndSymbolsAtTheirEnds()
    {
        Assert.True(PasswordPolicy.IsCommon("123456"));
        Assert.True(PasswordPolicy.IsCommon("DRAGON"));
        Assert.True(PasswordPolicy.IsCommon("!!Dragon2024"));
        Assert.True(PasswordPolicy.IsCommon("anhyeuem@123"));
        Assert.False(PasswordPolicy.IsCommon("Dragon-ngu-quen"));
        Assert.False(PasswordPolicy.IsCommon("Kiem-Thu@2024"));
    }

    [Fact]
    public async Task DemoPassword_PassesThePolicy_OnlyInDemoMode()
    {
        var user = new AppUser { UserName = "nguoi-xem" };

        var outside = await new PasswordPolicy(Options.Create(new DemoModeOptions { Demo = false })).ValidateAsync(null!, user, "Demo@12345");
        var inside = await new PasswordPolicy(Options.Create(new DemoModeOptions { Demo = true })).ValidateAsync(null!, user, "Demo@12345");

        Assert.Equal([PasswordPolicy.IsDemoPassword], outside.Errors.Select(e => e.Code));
        Assert.True(inside.Succeeded);
    }

    [Fact]
    public async Task EnglishMessages_AreThereForEveryRule()
    {
        var outcome = await CreateAsync("xem.so-a", "Demo@12345");

        Assert.Equal(
            ["the password must have at least 12 characters", "this is the demo's password, published in the documentation; it cannot be used outside demo mode"],
            outcome.Problems.Select(p => p.Message.ToString(Core.Text.Language.English)));
    }

    private Task<Outcome<AccountSummary>> CreateAsync(string userName, string password) =>
        _database.InScopeAsync(s => s.GetRequiredService<AccountService>().CreateAsync(Actors.Admin, userName, password, Roles.Viewer, null, cancellationToken: Ct));
}
