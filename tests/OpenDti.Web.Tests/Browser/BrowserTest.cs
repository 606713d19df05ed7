using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Tests in a real browser: Debian's headless chromium driven by Playwright, against the application
/// on a real port with the test dataset. Without chromium the tests are skipped and say so, unless
/// <c>OPENDTI_BROWSER_TESTS=required</c> (as <c>.ci/run</c> sets it), where a missing browser fails.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    /// <summary>The office screen the pages are made for.</summary>
    protected static readonly ViewportSize Office = new() { Width = 1366, Height = 768 };

    /// <summary>A phone.</summary>
    protected static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running application.</summary>
    protected OpenDtiFactory Factory { get; private set; } = null!;

    /// <summary>Cancelled when the test run is aborted.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The browser executable: <c>OPENDTI_CHROMIUM</c>, else Debian's.</summary>
    private static string Chromium => Environment.GetEnvironmentVariable("OPENDTI_CHROMIUM") ?? "/usr/bin/chromium";

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            var message = $"Browser tests skipped: no chromium at {Chromium} (apt-get install chromium, or set OPENDTI_CHROMIUM).";
            if (Environment.GetEnvironmentVariable("OPENDTI_BROWSER_TESTS") == "required")
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        Factory = await new OpenDtiFactory(_database, kestrel: true).StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new browser window (its own cookies) on a screen of <paramref name="viewport"/>, signed in as <paramref name="userName"/>.</summary>
    protected async Task<IPage> SignInAsync(string userName, ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Factory.Address.ToString(),
            ViewportSize = viewport ?? Office,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ReducedMotion = ReducedMotion.Reduce, // charts drawn at once, so screenshots show them whole
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(OpenDtiFactory.Password);
        await page.Locator("form.login button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/dang-nhap", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A new browser window (its own cookies) on a screen of <paramref name="viewport"/>, nobody signed in, at the sign-in page.</summary>
    protected async Task<IPage> SignedOutAsync(ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Factory.Address.ToString(),
            ViewportSize = viewport ?? Office,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/dang-nhap");
        return page;
    }

    /// <summary>
    /// Takes a picture of <paramref name="page"/> for the README. It replaces docs/screenshots/<paramref name="name"/>.png
    /// only when that file does not exist yet or OPENDTI_SCREENSHOTS=update: a test run leaves the tracked pictures alone
    /// (they differ by a few pixels every run); otherwise it lands in the test output folder, for a look after a failure.
    /// </summary>
    protected static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        var tracked = Path.Combine(Testing.TestFrameworks.RepositoryRoot, "docs", "screenshots", name + ".png");
        var update = string.Equals(Environment.GetEnvironmentVariable("OPENDTI_SCREENSHOTS"), "update", StringComparison.OrdinalIgnoreCase);
        var path = update || !File.Exists(tracked)
            ? tracked
            : Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
    }
}
