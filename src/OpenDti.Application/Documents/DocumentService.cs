using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Results;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Data.Periods;
using OpenDti.Exchange.Documents;

namespace OpenDti.Application.Documents;

/// <summary>
/// The documents in the official layout (Nghị định 30/2020/NĐ-CP): a period's results report and a unit's
/// scorecard. Who may read each is who may read the results and the scorecard (<see cref="ResultService"/>
/// decides); the issuer and signer come from <see cref="DocumentOptions"/>; the layout is
/// <see cref="OfficialDocumentWriter"/>'s.
/// </summary>
public sealed class DocumentService(ResultService results, EvidenceService evidence, IOptions<DocumentOptions> options, TimeProvider time)
{
    /// <summary>
    /// The results report of period <paramref name="periodId"/>: per main index the max points, the
    /// average, highest and lowest points achieved (the table of the provincial plans' section II for a
    /// cohort), then every unit's points and rank per main index and overall.
    /// </summary>
    public async Task<Outcome<OfficialDocument>> PeriodReportAsync(Actor actor, int periodId, Language language, CancellationToken cancellationToken = default)
    {
        var outcome = await results.ResultsAsync(actor, periodId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.As<OfficialDocument>();
        }

        var (period, units) = (outcome.Value!.Period, outcome.Value.Units);
        string T(string key, params object?[] args) => OfficialDocumentWriter.Format(language, key, args);
        string P(decimal value) => NumberText.Points(value, language);
        var indices = units.Count == 0 ? [] : units[0].MainIndices;
        var totalMax = indices.Sum(m => m.MaxPoints);
        var body = new List<DocumentBlock>
        {
            new DocumentParagraph(T("ReportIntro", period.Name, period.FrameworkCode, P(totalMax), units.Count)),
            new DocumentParagraph(period.Status == PeriodStatus.Published ? T("ReportPublished") : T("ReportProvisional", Day(Today()))),
        };
        if (units.Count == 0)
        {
            body.Add(new DocumentParagraph(T("ReportNoUnits")));
            return Outcome<OfficialDocument>.Ok(Document(T("DocumentKindReport"), T("ReportSubject", period.Name), body, [T("RecipientUnits"), T("RecipientArchive")]));
        }

        // I. The table of the provincial plans (Điểm chuẩn, Điểm đạt được) for a cohort: average, highest, lowest.
        var summary = indices.Select((index, i) =>
        {
            var points = units.Select(u => u.MainIndices[i].Points).ToArray();
            return (IReadOnlyList<DocumentCell>)
            [
                new((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Number: true),
                new(index.Name),
                new(P(index.MaxPoints), Number: true),
                new(P(Math.Round(points.Average(), 2, MidpointRounding.AwayFromZero)), Number: true),
                new(P(points.Max()), Number: true),
                new(P(points.Min()), Number: true),
            ];
        }).ToList();
        var totals = units.Select(u => u.Total).ToArray();
        summary.Add(
        [
            new(string.Empty),
            new(T("RowTotal"), Strong: true),
            new(P(totalMax), Number: true, Strong: true),
            new(P(Math.Round(totals.Average(), 2, MidpointRounding.AwayFromZero)), Number: true, Strong: true),
            new(P(totals.Max()), Number: true, Strong: true),
            new(P(totals.Min()), Number: true, Strong: true),
        ]);
        body.Add(new DocumentSection(T("ReportMainIndices")));
        body.Add(new DocumentTable(
            [[new(T("ColumnNumber")), new(T("ColumnMainIndex")), new(T("ColumnMaxPoints")), new(T("ColumnAverage")), new(T("ColumnHighest")), new(T("ColumnLowest"))]],
            summary,
            Widths: [8, 40, 13, 15, 12, 12]));

        // II. Every unit, on landscape pages: points and rank per main index, total and overall rank.
        body.Add(new DocumentSection(T("ReportRanking")));
        var head1 = new List<DocumentCell> { new(T("ColumnOverallRank"), RowSpan: 2), new(T("ColumnUnit"), RowSpan: 2) };
        head1.AddRange(indices.Select(m => new DocumentCell(T("ColumnIndexHeader", m.Code, m.Name, P(m.MaxPoints)), ColumnSpan: 2)));
        head1.Add(new DocumentCell(T("ColumnTotalHeader", P(totalMax)), RowSpan: 2));
        var head2 = indices.SelectMany(_ => new DocumentCell[] { new(T("ColumnShortPoints")), new(T("ColumnShortRank")) }).ToArray();
        var rows = units.Select(u =>
        {
            var row = new List<DocumentCell>
            {
                new(u.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Number: true, Strong: true),
                new(u.NotSubmitted ? $"{u.UnitName} ({T("NotSubmitted")})" : u.UnitName),
            };
            row.AddRange(u.MainIndices.SelectMany(m => new DocumentCell[]
            {
                new(P(m.Points), Number: true),
                new(m.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Number: true),
            }));
            row.Add(new DocumentCell(P(u.Total), Number: true, Strong: true));
            return (IReadOnlyList<DocumentCell>)row;
        }).ToArray();
        var share = indices.Count == 0 ? 0 : Math.Max(3, 70 / (indices.Count * 2));
        body.Add(new DocumentTable(
            [head1, head2],
            rows,
            Wide: true,
            Widths: [6, 100 - 6 - 8 - (share * indices.Count * 2), .. Enumerable.Repeat(share, indices.Count * 2), 8]));
        return Outcome<OfficialDocument>.Ok(Document(T("DocumentKindReport"), T("ReportSubject", period.Name), body, [T("RecipientUnits"), T("RecipientArchive")]));
    }

    /// <summary>
    /// The scorecard of <paramref name="unitCode"/> in period <paramref name="periodId"/>: its results per main
    /// index (max points, points, rank per index, overall rank), then every node with its points, the
    /// figures reported, the explanation and the evidence documents.
    /// </summary>
    public async Task<Outcome<OfficialDocument>> ScorecardAsync(
        Actor actor, int periodId, string unitCode, Language language, CancellationToken cancellationToken = default)
    {
        var outcome = await results.ScorecardAsync(actor, periodId, unitCode, language, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.As<OfficialDocument>();
        }

        var card = outcome.Value!;
        var files = (await evidence.ListAsync(actor, periodId, card.UnitCode, cancellationToken: cancellationToken)).Value ?? [];
        string T(string key, params object?[] args) => OfficialDocumentWriter.Format(language, key, args);
        string P(decimal value) => NumberText.Points(value, language);
        string N(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var totalMax = card.Nodes.Where(n => n.Depth == 0).Sum(n => n.MaxPoints);
        var count = card.Period.UnitCount;
        var body = new List<DocumentBlock>
        {
            new DocumentParagraph(T("ScorecardIntro", card.UnitName, P(card.Total), P(totalMax), card.Rank, count, card.Period.Name, card.Period.FrameworkCode)),
        };
        if (card.NotSubmitted)
        {
            body.Add(new DocumentParagraph(T("ScorecardNotSubmitted")));
        }
        else if (card.Period.Status != PeriodStatus.Published)
        {
            body.Add(new DocumentParagraph(T("ReportProvisional", Day(Today()))));
        }

        // I. The table of the provincial plans' section II, for this unit.
        body.Add(new DocumentSection(T("ScorecardSummary")));
        var summary = card.MainIndices.Select((index, i) =>
        {
            var row = new List<DocumentCell>
            {
                new(N(i + 1), Number: true),
                new(index.Name),
                new(P(index.MaxPoints), Number: true),
                new(P(index.Points), Number: true),
                new(N(index.Rank), Number: true),
            };
            if (i == 0)
            {
                row.Add(new DocumentCell(T("RankOf", card.Rank, count), RowSpan: card.MainIndices.Count, Number: true, Strong: true));
            }

            return (IReadOnlyList<DocumentCell>)row;
        }).ToList();
        summary.Add([new(string.Empty), new(T("RowTotal"), Strong: true), new(P(totalMax), Number: true, Strong: true), new(P(card.Total), Number: true, Strong: true), new(string.Empty), new(string.Empty)]);
        body.Add(new DocumentTable(
            [[new(T("ColumnNumber")), new(T("ColumnMainIndex")), new(T("ColumnMaxPoints")), new(T("ColumnPoints")), new(T("ColumnIndexRank")), new(T("ColumnOverallRank"))]],
            summary,
            Widths: [8, 40, 13, 13, 13, 13]));

        // II. Every node: points, figures, explanation, evidence.
        body.Add(new DocumentSection(T("ScorecardDetail")));
        var inputs = card.Inputs.ToLookup(i => i.Indicator, StringComparer.Ordinal);
        var evidenceOf = files.ToLookup(f => f.Indicator, StringComparer.Ordinal);
        var rows = card.Nodes.Select(node =>
        {
            var branch = node.Kind is NodeKind.Group or NodeKind.MainIndex;
            var leaf = !branch && inputs.Contains(node.Code);
            var reported = leaf
                ? inputs[node.Code].Select(i => $"{i.Label}: {(i.Value is null ? T("NotReported") : i.Value + (i.Unit is { } unit && unit != "%" ? " " + unit : string.Empty))}").ToArray()
                : null;
            var documents = leaf ? evidenceOf[node.Code].Select(f => EvidenceLine(f, language)).ToArray() : null;
            return (IReadOnlyList<DocumentCell>)
            [
                new(node.Code, Strong: branch),
                new(node.Name, Strong: branch),
                new($"{P(node.Points)} / {P(node.MaxPoints)}", Number: true, Strong: branch),
                new(string.Empty, Lines: reported),
                new(node.Explanation),
                new(documents is { Length: 0 } ? T("NoEvidence") : string.Empty, Lines: documents),
            ];
        }).ToArray();
        body.Add(new DocumentTable(
            [[new(T("ColumnCode")), new(T("ColumnIndicator")), new(T("ColumnPointsOfMax")), new(T("ColumnReported")), new(T("ColumnExplanation")), new(T("ColumnEvidence"))]],
            rows,
            Widths: [8, 22, 12, 18, 24, 16]));
        return Outcome<OfficialDocument>.Ok(Document(
            T("DocumentKindReport"), T("ScorecardSubject", card.UnitName, card.Period.Name), body, [card.UnitName, T("RecipientArchive")]));
    }

    /// <summary>An evidence document as the list writes it: "Quyết định 12.pdf — số 12/QĐ-UBND, ngày 03/02/2025: trích yếu".</summary>
    private static string EvidenceLine(EvidenceItem file, Language language)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(file.DocumentNumber))
        {
            parts.Add(OfficialDocumentWriter.Format(language, "EvidenceNumber", file.DocumentNumber));
        }

        if (file.IssuedOn is { } issued)
        {
            parts.Add(OfficialDocumentWriter.Format(language, "EvidenceIssued", Day(issued)));
        }

        var line = parts.Count == 0 ? file.FileName : $"{file.FileName} ({string.Join(", ", parts)})";
        return string.IsNullOrWhiteSpace(file.Summary) ? line : $"{line}: {file.Summary}";
    }

    private OfficialDocument Document(string kind, string subject, IReadOnlyList<DocumentBlock> body, IReadOnlyList<string> recipients)
    {
        var settings = options.Value;
        return new OfficialDocument(
            new DocumentHeading(settings.IssuingAuthority, settings.IssuingBody, settings.NumberPrefix, settings.Place, Today()),
            kind,
            subject,
            body,
            recipients,
            new DocumentSignature(settings.SignerTitle, settings.SignerName));
    }

    private DateOnly Today() => VietnamTime.Today(time);

    private static string Day(DateOnly day) => day.ToString("dd'/'MM'/'yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
