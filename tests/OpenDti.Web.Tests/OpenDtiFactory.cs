using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Periods;
using OpenDti.Application.Units;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Web.Tests;

/// <summary>
/// The real application (the whole HTTP pipeline) on a fresh test database, with a small known
/// dataset: the province, departments SO-A and SO-B in an open period of dti-department-2022, and an
/// account per role (password <see cref="Password"/>). SO-C is outside the period: SO-A's plan makes it the lead
/// unit of 2.1 (delegated entry, docs/plans.md#delegated-entry), so its reporter and leader are delegates.
/// </summary>
public sealed class OpenDtiFactory : WebApplicationFactory<Program>
{
    private readonly bool _kestrel;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <summary>
    /// The application on <paramref name="database"/>: in memory, or on a real port with <paramref name="kestrel"/>
    /// (for a browser), with <paramref name="settings"/> over the tests' own (which raise the sign-in limits).
    /// </summary>
    public OpenDtiFactory(TestDatabase database, bool kestrel = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Database = database;
        _kestrel = kestrel;
        _settings = settings ?? new Dictionary<string, string?>();
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>The password of every test account.</summary>
    public const string Password = "Kiem-Thu@2024";

    /// <summary>The test accounts: user name, role, unit code.</summary>
    public static readonly IReadOnlyList<(string UserName, string Role, string? Unit)> Accounts =
    [
        ("admin", Roles.Administrator, null),
        ("evaluator", Roles.Evaluator, null),
        ("viewer", Roles.Viewer, null),
        ("reporter.so-a", Roles.UnitReporter, "SO-A"),
        ("leader.so-a", Roles.UnitLeader, "SO-A"),
        ("reporter.so-b", Roles.UnitReporter, "SO-B"),
        ("leader.so-b", Roles.UnitLeader, "SO-B"),
        ("reporter.so-c", Roles.UnitReporter, "SO-C"),
        ("leader.so-c", Roles.UnitLeader, "SO-C"),
    ];

    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <summary>The database.</summary>
    public TestDatabase Database { get; }

    /// <summary>Where the application listens, when it runs on a real port.</summary>
    public Uri Address =>
        new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The open period of SO-A and SO-B.</summary>
    public int OpenPeriodId { get; private set; }

    /// <summary>A draft period of the same units.</summary>
    public int DraftPeriodId { get; private set; }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Hundreds of hosts start in one run: only what went wrong is worth printing, so a failure stays findable in CI's log.
        // (appsettings.json's "Default": "Information" is a rule, which outranks a minimum level: it is replaced here.)
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        // Refused duplicates (one copy per indicator, one pending appeal, an idempotency key) are answered 409 by design;
        // EF logs each with its stack trace, which buried real failures in CI's log.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Update", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Critical");
        builder.UseSetting("OpenDti:DataDirectory", Database.DataDirectory);
        builder.UseSetting("OpenDti:Demo", "false");
        builder.UseSetting("OpenDti:Database:Provider", Database.Provider);
        builder.UseSetting("OpenDti:Database:ConnectionString", Database.ConnectionString);

        // Tests sign in hundreds of times from one address: the limits are tested where they are set low.
        builder.UseSetting("OpenDti:SignIn:PerAddress:Permits", "1000000");
        builder.UseSetting("OpenDti:SignIn:PerAccount:Permits", "1000000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Thousands of sign-ins in one run, each a PBKDF2 verification at the product's cost (100.000 iterations, tens of
        // milliseconds): the tests' accounts are hashed and checked with fewer. The algorithm and the stored format are
        // the same; the Application tests' SignInCheckTests run at the product's cost.
        builder.ConfigureServices(services => services.PostConfigure<PasswordHasherOptions>(options => options.IterationCount = 1_000));
    }

    /// <summary>Starts the application and adds the test dataset (once per database; a second factory on the same database reuses it).</summary>
    public async Task<OpenDtiFactory> StartAsync(bool seed = true)
    {
        // Starts the host: migrations, roles, built-in frameworks.
        if (_kestrel)
        {
            StartServer();
            ClientOptions.BaseAddress = Address;
        }
        else
        {
            _ = Server;
        }

        if (!seed)
        {
            return this;
        }

        using var scope = Services.CreateScope();
        var units = scope.ServiceProvider.GetRequiredService<UnitDirectory>();
        var periods = scope.ServiceProvider.GetRequiredService<PeriodService>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var system = Actor.System("test");
        if ((await units.GetAsync("TINH")).Succeeded)
        {
            var existing = await periods.ListAsync();
            OpenPeriodId = existing.Single(p => p.Status == PeriodStatus.Open).Id;
            DraftPeriodId = existing.Single(p => p.Status == PeriodStatus.Draft).Id;
            return this;
        }

        await units.CreateAsync(system, "TINH", "Tỉnh Thử", UnitLevel.Province, null);
        await units.CreateAsync(system, "SO-A", "Sở A", UnitLevel.Department, "TINH");
        await units.CreateAsync(system, "SO-B", "Sở B", UnitLevel.Department, "TINH");
        await units.CreateAsync(system, "SO-C", "Sở C", UnitLevel.Department, "TINH");
        foreach (var code in new[] { "SO-A", "SO-B" })
        {
            await units.SetProfileAsync(system, code, 2024, new Dictionary<string, decimal> { ["civil_servants"] = 40, ["public_employees"] = 60, ["subordinate_units"] = 4 });
        }

        var open = await periods.CreateAsync(system, "dti-department-2022", 2024, "Kỳ mở", new DateOnly(2024, 11, 1), new DateOnly(2030, 12, 31), ["SO-A", "SO-B"]);
        OpenPeriodId = open.Value!.Id;
        await periods.SetStatusAsync(system, OpenPeriodId, PeriodStatus.Open);
        DraftPeriodId = (await periods.CreateAsync(system, "dti-department-2022", 2025, "Kỳ nháp", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), ["SO-A", "SO-B"])).Value!.Id;

        // SO-A's plan in the open period: SO-C leads 2.1 (written directly, as the plan's pages would).
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        db.PlanRows.Add(new Data.Plans.PlanRow
        {
            PeriodId = OpenPeriodId, UnitId = (await units.GetAsync("SO-A")).Value!.Id, Indicator = "2.1",
            LeadUnitId = (await units.GetAsync("SO-C")).Value!.Id, UpdatedBy = "test", UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();

        foreach (var (userName, role, unit) in Accounts)
        {
            var user = new AppUser { UserName = userName, DisplayName = userName, UnitId = unit is null ? null : (await units.GetAsync(unit)).Value!.Id };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
        }

        return this;
    }

    /// <summary>A bearer token for <paramref name="userName"/> (signed in once, then reused).</summary>
    public async Task<string> TokenAsync(string userName)
    {
        if (_tokens.TryGetValue(userName, out var token))
        {
            return token;
        }

        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        _tokens[userName] = body!.AccessToken;
        return body.AccessToken;
    }

    /// <summary>A client whose calls carry <paramref name="userName"/>'s token, or none for null.</summary>
    public async Task<HttpClient> ClientAsync(string? userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        if (userName is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userName));
        }

        return client;
    }

    private sealed record TokenBody(string AccessToken);
}
