using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Frameworks;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;

namespace OpenDti.Application.Frameworks;

/// <summary>A framework in a list.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="Year">Evaluation year.</param>
/// <param name="Level">Level scored.</param>
/// <param name="TotalPoints">Total points.</param>
/// <param name="BuiltIn">Whether it ships with OpenDti.</param>
/// <param name="CopiedFrom">The framework it was copied from.</param>
public sealed record FrameworkSummary(string Code, string Name, int Year, FrameworkLevel Level, decimal TotalPoints, bool BuiltIn, string? CopiedFrom);

/// <summary>
/// The stored frameworks. A stored framework never changes (an edit is a new version with a new
/// code), so the compiled form is cached by database id: every web instance compiles the same text
/// to the same framework.
/// </summary>
public sealed class FrameworkCatalog(OpenDtiDbContext db, CompiledFrameworks compiled, TimeProvider time)
{
    /// <summary>Every stored framework, built-in first, then by year and code.</summary>
    public async Task<IReadOnlyList<FrameworkSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.Frameworks.AsNoTracking().ToListAsync(cancellationToken))
            .OrderByDescending(f => f.BuiltIn).ThenBy(f => f.Year).ThenBy(f => f.Code, StringComparer.Ordinal)
            .Select(Summary)
            .ToArray();

    /// <summary>The compiled framework <paramref name="code"/>.</summary>
    public async Task<Outcome<Framework>> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var record = await db.Frameworks.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, cancellationToken);
        return record is null
            ? Outcome<Framework>.NotFound(new AppMessage("FrameworkNotFound", code))
            : Outcome<Framework>.Ok(compiled.Get(record));
    }

    /// <summary>The compiled framework of the stored record <paramref name="frameworkId"/>.</summary>
    /// <remarks>
    /// Every page of a period asks for its framework: the stored YAML is read only the first time, when
    /// the framework is compiled; afterwards the code alone is read, to find it in the cache.
    /// </remarks>
    public async Task<Framework> GetByIdAsync(int frameworkId, CancellationToken cancellationToken = default)
    {
        var code = await db.Frameworks.AsNoTracking().Where(f => f.Id == frameworkId).Select(f => f.Code).SingleAsync(cancellationToken);
        return await GetByIdAsync(frameworkId, code, cancellationToken);
    }

    /// <summary>
    /// The compiled framework of the stored record <paramref name="frameworkId"/> when its code was read already (with
    /// the period, by the report form): no command when it is compiled.
    /// </summary>
    internal async Task<Framework> GetByIdAsync(int frameworkId, string code, CancellationToken cancellationToken) =>
        compiled.Find(frameworkId, code)
            ?? compiled.Get(await db.Frameworks.AsNoTracking().SingleAsync(f => f.Id == frameworkId, cancellationToken));

    /// <summary>
    /// The differences from framework <paramref name="beforeCode"/> to <paramref name="afterCode"/>, as
    /// <c>opendti framework diff</c> lists them (<see cref="FrameworkDiff"/>).
    /// </summary>
    public async Task<Outcome<IReadOnlyList<FrameworkChange>>> CompareAsync(string beforeCode, string afterCode, CancellationToken cancellationToken = default)
    {
        var before = await GetAsync(beforeCode, cancellationToken);
        if (!before.Succeeded)
        {
            return before.As<IReadOnlyList<FrameworkChange>>();
        }

        var after = await GetAsync(afterCode, cancellationToken);
        return after.Succeeded
            ? Outcome<IReadOnlyList<FrameworkChange>>.Ok(FrameworkDiff.Compare(before.Value!, after.Value!))
            : after.As<IReadOnlyList<FrameworkChange>>();
    }

    /// <summary>The framework file of <paramref name="code"/>, as imported.</summary>
    public async Task<Outcome<string>> ExportAsync(string code, CancellationToken cancellationToken = default)
    {
        var record = await db.Frameworks.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, cancellationToken);
        return record is null ? Outcome<string>.NotFound(new AppMessage("FrameworkNotFound", code)) : Outcome<string>.Ok(record.Yaml);
    }

    /// <summary>Imports a framework file: it must load without error and its code must be new.</summary>
    public async Task<Outcome<FrameworkSummary>> ImportAsync(Actor actor, string yaml, string? fileName, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<FrameworkSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        var loaded = FrameworkLoader.Load(yaml, fileName);
        if (loaded.Framework is not { } framework)
        {
            return Outcome<FrameworkSummary>.Invalid(
                new AppMessage("FrameworkInvalid", loaded.Errors.Count()),
                loaded.Errors.Select(d => new Problem(d.Code, new DiagnosticText(d), d.Location.NodeCode)).ToArray());
        }

        if (await db.Frameworks.AnyAsync(f => f.Code == framework.Code, cancellationToken))
        {
            return Outcome<FrameworkSummary>.Conflict(new AppMessage("FrameworkExists", framework.Code));
        }

        var record = Record(framework, yaml, builtIn: false, actor.UserName);
        db.Frameworks.Add(record);
        db.AuditEntries.Add(Audited(actor, record, fileName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same code imported by someone else at the same moment: the code is unique.
            db.ChangeTracker.Clear();
            return Outcome<FrameworkSummary>.Conflict(new AppMessage("FrameworkExists", framework.Code));
        }

        return Outcome<FrameworkSummary>.Ok(Summary(record));
    }

    /// <summary>
    /// Copies framework <paramref name="code"/> to a new year under <paramref name="newCode"/>: the same
    /// tree and rules, ready to be edited and imported again.
    /// </summary>
    public async Task<Outcome<FrameworkSummary>> CopyAsync(
        Actor actor, string code, string newCode, int newYear, string? newName, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<FrameworkSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        var source = await GetAsync(code, cancellationToken);
        if (!source.Succeeded)
        {
            return source.As<FrameworkSummary>();
        }

        var definition = source.Value!.Definition.Clone();
        definition.Code = newCode;
        definition.Year = newYear;
        definition.Name = newName ?? definition.Name;
        var imported = await ImportAsync(actor, FrameworkYamlWriter.Write(definition), Core.Text.Excerpt.Of(newCode) + ".yaml", cancellationToken);
        if (imported.Succeeded)
        {
            var record = await db.Frameworks.SingleAsync(f => f.Code == newCode, cancellationToken);
            record.CopiedFrom = code;
            db.AuditEntries.Add(AuditTrail.Entry(actor, time.GetUtcNow().UtcDateTime, AuditKind.Framework, "copied_from", null, code, subject: newCode));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<FrameworkSummary>.Ok(Summary(record));
        }

        return imported;
    }

    /// <summary>Stores every built-in framework that is not stored yet (first run, or after an upgrade).</summary>
    public async Task ImportBuiltInAsync(CancellationToken cancellationToken = default)
    {
        var stored = await db.Frameworks.Select(f => f.Code).ToListAsync(cancellationToken);
        foreach (var code in BuiltInFrameworks.Codes.Except(stored))
        {
            var record = Record(BuiltInFrameworks.Get(code), BuiltInFrameworks.Yaml(code), builtIn: true, "system");
            db.Frameworks.Add(record);
            db.AuditEntries.Add(Audited(Actor.System(), record, "built-in"));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The audit of a framework stored: its code, the file it came from and the SHA-256 of its text.</summary>
    private AuditEntry Audited(Actor actor, FrameworkRecord record, string? fileName) => AuditTrail.Entry(
        actor,
        time.GetUtcNow().UtcDateTime,
        AuditKind.Framework,
        "imported",
        null,
        $"{record.Name} ({fileName ?? "-"}; SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(record.Yaml)))})",
        subject: record.Code);

    private FrameworkRecord Record(Framework framework, string yaml, bool builtIn, string importedBy) => new()
    {
        Code = framework.Code,
        Name = framework.Name,
        Year = framework.Year,
        Level = framework.Level,
        TotalPoints = framework.TotalPoints,
        Yaml = yaml,
        BuiltIn = builtIn,
        ImportedAt = time.GetUtcNow().UtcDateTime,
        ImportedBy = importedBy,
    };

    private static FrameworkSummary Summary(FrameworkRecord record) =>
        new(record.Code, record.Name, record.Year, record.Level, record.TotalPoints, record.BuiltIn, record.CopiedFrom);
}

/// <summary>
/// Compiled frameworks by stored id. Safe to share between requests and instances: a stored framework
/// never changes, so the same id always compiles to the same framework.
/// </summary>
public sealed class CompiledFrameworks
{
    private readonly ConcurrentDictionary<(int Id, string Code), Lazy<Framework>> _cache = new();

    /// <summary>The compiled form of the stored framework <paramref name="id"/>, <paramref name="code"/>, if it was compiled already.</summary>
    public Framework? Find(int id, string code) =>
        _cache.TryGetValue((id, code), out var framework) ? framework.Value : null;

    /// <summary>The compiled form of <paramref name="record"/>.</summary>
    public Framework Get(FrameworkRecord record) =>
        _cache.GetOrAdd(
            (record.Id, record.Code),
            _ => new Lazy<Framework>(() =>
                FrameworkLoader.Load(record.Yaml, record.Code + ".yaml").Framework
                ?? throw new InvalidOperationException($"Stored framework {record.Code} does not load."))).Value;
}

/// <summary>A diagnostic as a localizable message (one line with its place).</summary>
public sealed record DiagnosticText(Core.Diagnostics.Diagnostic Diagnostic) : Core.Text.ILocalizable
{
    /// <inheritdoc />
    public string ToString(Core.Text.Language language) => Diagnostic.ToLine(language);
}
