using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Frameworks;
using OpenDti.Exchange.Frameworks;

namespace OpenDti.Application.Frameworks;

/// <summary>A line of a crosswalk as shown and sent.</summary>
/// <param name="From">The older node's code; null for a new node.</param>
/// <param name="FromName">Its name.</param>
/// <param name="To">The newer node's code; null for a dropped node.</param>
/// <param name="ToName">Its name.</param>
/// <param name="Kind">same, renamed, merged, split, new or dropped.</param>
public sealed record CrosswalkLinkView(string? From, string? FromName, string? To, string? ToName, string Kind);

/// <summary>A crosswalk between two frameworks: the confirmed one, or a proposal to confirm.</summary>
/// <param name="From">The older framework's code.</param>
/// <param name="FromName">Its name.</param>
/// <param name="To">The newer framework's code.</param>
/// <param name="ToName">Its name.</param>
/// <param name="Confirmed">Whether it is the stored, confirmed crosswalk (otherwise a proposal from names and rules).</param>
/// <param name="ConfirmedAt">When it was last confirmed (UTC).</param>
/// <param name="ConfirmedBy">Who confirmed it.</param>
/// <param name="Version">Its version (0 when none is stored): a confirmation sends it back and is refused when stale.</param>
/// <param name="Links">Its lines, in order.</param>
public sealed record CrosswalkView(
    string From, string FromName, string To, string ToName, bool Confirmed, DateTime? ConfirmedAt, string? ConfirmedBy, int Version, IReadOnlyList<CrosswalkLinkView> Links);

/// <summary>A line of a crosswalk sent for confirmation.</summary>
/// <param name="From">The older node's code; empty or null for a new node.</param>
/// <param name="To">The newer node's code; empty or null for a dropped node.</param>
/// <param name="Kind">same, renamed, merged, split, new or dropped.</param>
public sealed record CrosswalkLinkInput(string? From, string? To, string Kind);

/// <summary>
/// Confirmed crosswalks between editions of frameworks (docs/frameworks.md, "Crosswalks between editions"): read by
/// anyone signed in, proposed from names and rules (<see cref="Crosswalk.Propose"/>), confirmed or replaced by
/// administrators from lines or a CSV file, every line checked by <see cref="Crosswalk.Check"/> with its row before
/// anything is saved, and audited with what it said before.
/// </summary>
public sealed class CrosswalkService(OpenDtiDbContext db, FrameworkCatalog frameworks, TimeProvider time)
{
    /// <summary>The audit's input for a crosswalk confirmed.</summary>
    public const string AuditInput = "crosswalk";

    /// <summary>The confirmed crosswalk from <paramref name="from"/> to <paramref name="to"/>; not found when none is stored.</summary>
    public async Task<Outcome<CrosswalkView>> GetAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        var (older, newer, refusal) = await PairAsync<CrosswalkView>(from, to, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var stored = await StoredAsync(older!.Value.Id, newer!.Value.Id, tracked: false, cancellationToken);
        return stored is null
            ? Outcome<CrosswalkView>.NotFound(new AppMessage("CrosswalkNotFound", from, to))
            : Outcome<CrosswalkView>.Ok(View(older.Value.Framework, newer.Value.Framework, stored));
    }

    /// <summary>The crosswalk proposed from names and rules (<see cref="Crosswalk.Propose"/>), for an administrator to confirm.</summary>
    public async Task<Outcome<CrosswalkView>> ProposalAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        var (older, newer, refusal) = await PairAsync<CrosswalkView>(from, to, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var version = await db.Crosswalks.AsNoTracking()
            .Where(c => c.FromFrameworkId == older!.Value.Id && c.ToFrameworkId == newer!.Value.Id)
            .Select(c => c.Version).FirstOrDefaultAsync(cancellationToken);
        var proposal = Crosswalk.Propose(older!.Value.Framework, newer!.Value.Framework);
        return Outcome<CrosswalkView>.Ok(new CrosswalkView(
            from, older.Value.Framework.Name, to, newer.Value.Framework.Name, false, null, null, version,
            [.. proposal.Links.Select(l => Line(older.Value.Framework, newer.Value.Framework, l.From, l.To, Crosswalk.KindName(l.Kind)))]));
    }

    /// <summary>What the crosswalk page shows: the confirmed crosswalk, or the proposal when none is confirmed yet.</summary>
    public async Task<Outcome<CrosswalkView>> ReadAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        var stored = await GetAsync(from, to, cancellationToken);
        return stored.Status == OutcomeStatus.NotFound && stored.Message is AppMessage { Key: "CrosswalkNotFound" }
            ? await ProposalAsync(from, to, cancellationToken)
            : stored;
    }

    /// <summary>
    /// Confirms <paramref name="links"/> as the crosswalk from <paramref name="from"/> to <paramref name="to"/>, replacing
    /// the one stored. Who may: administrators. Every line is checked (row by row, then the whole: every node of both
    /// editions accounted for) and nothing is saved on any problem; <paramref name="version"/> is the version read
    /// (0 for none), refused when someone confirmed it since.
    /// </summary>
    public async Task<Outcome<CrosswalkView>> SaveAsync(
        Actor actor, string from, string to, IReadOnlyList<CrosswalkLinkInput> links, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<CrosswalkView>.Forbidden(new AppMessage("NotAllowed"));
        }

        var (older, newer, refusal) = await PairAsync<CrosswalkView>(from, to, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var problems = new List<Problem>();
        var read = new List<CrosswalkLink>();
        for (var i = 0; i < links.Count; i++)
        {
            var line = links[i];
            if (Crosswalk.KindOf(line.Kind ?? string.Empty) is not { } kind)
            {
                problems.Add(new Problem(DiagnosticCodes.CrosswalkKind, new AppMessage("CrosswalkKindUnknown", i + 1, line.Kind ?? string.Empty), Input: "kind") { Row = i });
                continue;
            }

            read.Add(new CrosswalkLink(Blank(line.From), Blank(line.To), kind, i + 1));
        }

        if (problems.Count > 0)
        {
            return Outcome<CrosswalkView>.Invalid(new AppMessage("CrosswalkInvalid", problems.Count), problems);
        }

        var (crosswalk, diagnostics) = Crosswalk.Check(older!.Value.Framework, newer!.Value.Framework, read, "links");
        return crosswalk is null
            ? Invalid(diagnostics, items: true)
            : await StoreAsync(actor, older.Value, newer.Value, crosswalk, version, null, cancellationToken);
    }

    /// <summary>Confirms the crosswalk of a CSV file (<see cref="CrosswalkCsv"/>), as <see cref="SaveAsync"/> does; problems by line and column.</summary>
    public async Task<Outcome<CrosswalkView>> UploadAsync(
        Actor actor, string from, string to, byte[] content, string? fileName, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<CrosswalkView>.Forbidden(new AppMessage("NotAllowed"));
        }

        var (older, newer, refusal) = await PairAsync<CrosswalkView>(from, to, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (crosswalk, diagnostics) = CrosswalkCsv.Read(content, older!.Value.Framework, newer!.Value.Framework, fileName ?? "crosswalk.csv");
        return crosswalk is null
            ? Invalid(diagnostics, items: false)
            : await StoreAsync(actor, older.Value, newer.Value, crosswalk, version, fileName, cancellationToken);
    }

    /// <summary>The confirmed crosswalk as a CSV file (<see cref="CrosswalkCsv"/>), or the proposal when none is confirmed.</summary>
    public async Task<Outcome<string>> CsvAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        var (older, newer, refusal) = await PairAsync<string>(from, to, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var stored = await StoredAsync(older!.Value.Id, newer!.Value.Id, tracked: false, cancellationToken);
        var crosswalk = stored is null
            ? Crosswalk.Propose(older.Value.Framework, newer.Value.Framework)
            : Crosswalk.Check(older.Value.Framework, newer.Value.Framework, Links(stored)).Crosswalk ?? Crosswalk.Propose(older.Value.Framework, newer.Value.Framework);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CrosswalkCsv.Write(writer, crosswalk, older.Value.Framework, newer.Value.Framework);
        return Outcome<string>.Ok(writer.ToString());
    }

    private async Task<Outcome<CrosswalkView>> StoreAsync(
        Actor actor, (int Id, Framework Framework) older, (int Id, Framework Framework) newer, Crosswalk crosswalk, int version, string? fileName,
        CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(older.Id, newer.Id, tracked: true, cancellationToken);
        if ((stored?.Version ?? 0) != version)
        {
            return Outcome<CrosswalkView>.Conflict(new AppMessage("CrosswalkStale", older.Framework.Code, newer.Framework.Code));
        }

        var before = stored is null ? null : Text(Links(stored));
        var now = time.GetUtcNow().UtcDateTime;
        if (stored is null)
        {
            stored = new CrosswalkRecord { FromFrameworkId = older.Id, ToFrameworkId = newer.Id, ConfirmedBy = actor.UserName };
            db.Crosswalks.Add(stored);
        }
        else
        {
            db.CrosswalkLinks.RemoveRange(stored.Links);
            stored.Links.Clear();
        }

        stored.ConfirmedAt = now;
        stored.ConfirmedBy = actor.UserName;
        stored.Version++;
        stored.Links.AddRange(crosswalk.Links.Select((l, i) => new CrosswalkLinkRecord { Position = i, From = l.From, To = l.To, Kind = Crosswalk.KindName(l.Kind) }));
        db.AuditEntries.Add(AuditTrail.Entry(
            actor, now, AuditKind.Framework, AuditInput, before, Text(crosswalk.Links),
            subject: older.Framework.Code + " → " + newer.Framework.Code, reason: fileName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Confirmed by someone else at the same moment: the pair is unique, the version a concurrency token.
            db.ChangeTracker.Clear();
            return Outcome<CrosswalkView>.Conflict(new AppMessage("CrosswalkStale", older.Framework.Code, newer.Framework.Code));
        }

        return Outcome<CrosswalkView>.Ok(View(older.Framework, newer.Framework, stored));
    }

    /// <summary>The problems of a crosswalk refused, each with its place: the row (the CSV line, or for <paramref name="items"/> the 0-based index of the line sent), the node's code and the column.</summary>
    private static Outcome<CrosswalkView> Invalid(IReadOnlyList<Diagnostic> diagnostics, bool items)
    {
        var errors = diagnostics.Where(d => d.IsError).ToArray();
        return Outcome<CrosswalkView>.Invalid(
            new AppMessage("CrosswalkInvalid", errors.Length),
            [.. errors.Select(d => new Problem(d.Code, new DiagnosticText(d), d.Location.NodeCode, d.Location.Field) { Row = d.Location.Line is { } line ? (items ? line - 1 : line) : null })]);
    }

    /// <summary>Both frameworks, compiled, or why not.</summary>
    private async Task<((int Id, Framework Framework)? Older, (int Id, Framework Framework)? Newer, Outcome<T>? Refusal)> PairAsync<T>(
        string from, string to, CancellationToken cancellationToken)
    {
        var ids = await db.Frameworks.AsNoTracking().Where(f => f.Code == from || f.Code == to).Select(f => new { f.Id, f.Code }).ToListAsync(cancellationToken);
        var olderId = ids.FirstOrDefault(f => f.Code == from)?.Id;
        var newerId = ids.FirstOrDefault(f => f.Code == to)?.Id;
        if (olderId is null)
        {
            return (null, null, Outcome<T>.NotFound(new AppMessage("FrameworkNotFound", from)));
        }

        if (newerId is null)
        {
            return (null, null, Outcome<T>.NotFound(new AppMessage("FrameworkNotFound", to)));
        }

        if (olderId == newerId)
        {
            return (null, null, Outcome<T>.Invalid(new AppMessage("CrosswalkSameFramework", from), []));
        }

        return ((olderId.Value, await frameworks.GetByIdAsync(olderId.Value, cancellationToken)), (newerId.Value, await frameworks.GetByIdAsync(newerId.Value, cancellationToken)), null);
    }

    private async Task<CrosswalkRecord?> StoredAsync(int olderId, int newerId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Crosswalks.Include(c => c.Links).Where(c => c.FromFrameworkId == olderId && c.ToFrameworkId == newerId);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
    }

    private static CrosswalkLink[] Links(CrosswalkRecord record) =>
        [.. record.Links.OrderBy(l => l.Position).Select(l => new CrosswalkLink(l.From, l.To, Crosswalk.KindOf(l.Kind) ?? Continuation.Same))];

    private static CrosswalkView View(Framework older, Framework newer, CrosswalkRecord record) => new(
        older.Code, older.Name, newer.Code, newer.Name, true, record.ConfirmedAt, record.ConfirmedBy, record.Version,
        [.. record.Links.OrderBy(l => l.Position).Select(l => Line(older, newer, l.From, l.To, l.Kind))]);

    private static CrosswalkLinkView Line(Framework older, Framework newer, string? from, string? to, string kind) =>
        new(from, from is null ? null : older.FindNode(from)?.Name, to, to is null ? null : newer.FindNode(to)?.Name, kind);

    /// <summary>The lines as the audit keeps them: "from>to:kind" separated by semicolons.</summary>
    private static string Text(IEnumerable<CrosswalkLink> links) =>
        string.Join(";", links.Select(l => $"{l.From}>{l.To}:{Crosswalk.KindName(l.Kind)}"));

    private static string? Blank(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();
}
