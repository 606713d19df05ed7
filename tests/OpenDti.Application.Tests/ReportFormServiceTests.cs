using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Checks;
using OpenDti.Application.Evidence;
using OpenDti.Application.Periods;
using OpenDti.Application.Reporting;
using OpenDti.Application.Review;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Plans;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The report form's one read (<see cref="ReportFormService.GetAsync"/>) resolves the period, the unit and the actor's
/// rights once and hands that context to the services' internal reads (docs/performance.md, "The report form's one
/// service"). Whoever reads, it must give exactly what the services' public reads, which the API calls and which each
/// check the actor themselves, give: the same form, evidence, checks, submission, threads, adjustments and changes, and
/// the same refusals.
/// </summary>
public sealed class ReportFormServiceTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new TextOf<ILocalizable>(m => m.ToString(Language.Vietnamese)), new TextOf<AppMessage>(m => m.ToString(Language.Vietnamese)), new TextOf<FrameworkNode>(n => n.Code.Value), new TextOf<InputSpec>(i => i.Name) },
    };

    private SmallProvince? _setUp;
    private PeriodSummary _period = null!;
    private int _soA;
    private int _soB;
    private int _soC;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SmallProvince Province => _setUp!;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_setUp is not null)
        {
            await _setUp.DisposeAsync();
        }
    }

    private async Task SetUpAsync(string provider)
    {
        _setUp = await SmallProvince.CreateAsync(provider);
        _period = await Province.OpenDepartmentPeriodAsync(); // the clock is on 15/11/2024
        (_soA, _soB, _soC) = ((await Province.UnitAsync("SO-A")).Id, (await Province.UnitAsync("SO-B")).Id, (await Province.UnitAsync("SO-C")).Id);
        await Province.ReportAsync(_period.Id, "SO-A", 0.7m, seed: 3);

        // SO-A's plan delegates component 2 to SO-B; SO-C is named nowhere.
        await Province.InDbAsync(db =>
        {
            db.PlanRows.Add(new PlanRow { PeriodId = _period.Id, UnitId = _soA, Indicator = "2", LeadUnitId = _soB, UpdatedBy = "test", UpdatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync(Ct);
        });

        // Evidence in an indicator of its own and in a delegated one, the same bytes also in SO-C's form (reused across units).
        foreach (var (actor, unit, indicator) in new[] { (Actors.Reporter(_soA), "SO-A", "1.1"), (Actors.Reporter(_soB), "SO-A", "2.1"), (Actors.Reporter(_soC), "SO-C", "1.1") })
        {
            var uploaded = await Province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().UploadAsync(
                actor, _period.Id, unit, new EvidenceUpload(indicator, $"Minh chứng {indicator}.pdf", new MemoryStream(SampleFiles.Pdf(indicator))), AuditChannel.Page, Ct));
            Assert.True(uploaded.Succeeded, uploaded.Message?.ToString());
        }

        // Under review, approved earlier (so every value counts as changed since), a note and an evaluator's adjustment.
        await Province.SetSubmissionAsync(_period.Id, "SO-A", SubmissionState.UnderReview, round: 1);
        await Province.InDbAsync(async db =>
        {
            var submission = await db.Submissions.SingleAsync(s => s.PeriodId == _period.Id && s.UnitId == _soA, Ct);
            submission.ApprovedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync(Ct);
        });
        await Province.AddNoteAsync(_period.Id, "SO-A", "1.1", ReviewNoteKind.Returned, round: 1);
        var value = (await Province.ValuesAsync(v => v.GetAsync(Actors.Evaluator, _period.Id, "SO-A", Ct))).Value!.Values.First(v => v.Value is "có" or "không");
        var adjusted = await Province.InScopeAsync(s => s.GetRequiredService<AdjustmentService>().AdjustAsync(
            Actors.Evaluator, _period.Id, "SO-A", value.Indicator, value.Input, value.Value == "có" ? "không" : "có", "Kiểm tra lại", null, Language.Vietnamese, Ct));
        Assert.True(adjusted.Succeeded, adjusted.Message?.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheFormsOneRead_GivesWhatThePublicReadsGive_ToEveryReader(string provider)
    {
        await SetUpAsync(provider);
        var readers = new (string Who, Actor Actor)[]
        {
            ("administrator", Actors.Admin), ("evaluator", Actors.Evaluator), ("viewer", Actors.Viewer),
            ("SO-A reporter", Actors.Reporter(_soA)), ("SO-A leader", Actors.Leader(_soA)),
            ("SO-B reporter, delegate", Actors.Reporter(_soB)), ("SO-B leader, delegate", Actors.Leader(_soB)),
            ("SO-C reporter, nothing delegated", Actors.Reporter(_soC)),
        };
        foreach (var (who, actor) in readers)
        {
            foreach (var (periodId, unitCode) in new[] { (_period.Id, "SO-A"), (_period.Id, "SO-X"), (_period.Id + 100, "SO-A") })
            {
                var expected = await PublicReadsAsync(actor, periodId, unitCode);
                var actual = await Province.InScopeAsync(s => s.GetRequiredService<ReportFormService>().GetAsync(actor, periodId, unitCode, Language.Vietnamese, Ct));
                Assert.True(expected == Describe(actual), $"{who}, {unitCode} in {periodId}:\n{expected}\n{Describe(actual)}");
            }
        }

        // The fixture reaches every part: flags, threads, adjustments, changes since approval, a delegate's form, a refusal.
        var evaluator = (await Province.InScopeAsync(s => s.GetRequiredService<ReportFormService>().GetAsync(Actors.Evaluator, _period.Id, "SO-A", Language.Vietnamese, Ct))).Value!;
        Assert.Contains(evaluator.EvidenceChecks!.Indicators.SelectMany(i => i.Flags), f => f.Kind == EvidenceFlagKind.ReusedAcrossUnits);
        Assert.Single(evaluator.Threads!.Threads);
        Assert.Single(evaluator.Adjustments);
        Assert.NotEmpty(evaluator.Changes!.Inputs);
        var delegate_ = (await Province.InScopeAsync(s => s.GetRequiredService<ReportFormService>().GetAsync(Actors.Reporter(_soB), _period.Id, "SO-A", Language.Vietnamese, Ct))).Value!;
        Assert.Equal(["2.1"], delegate_.Evidence.Select(e => e.Indicator));
        Assert.NotNull(delegate_.Form.Delegation);
        Assert.Equal(OutcomeStatus.Forbidden, (await Province.InScopeAsync(s => s.GetRequiredService<ReportFormService>().GetAsync(Actors.Reporter(_soC), _period.Id, "SO-A", Language.Vietnamese, Ct))).Status);
    }

    /// <summary>What the form's read gave, before it resolved anything once: each service's public read, in turn, as the page once asked them.</summary>
    private Task<string> PublicReadsAsync(Actor actor, int periodId, string unitCode) => Province.InScopeAsync(async s =>
    {
        var outcome = await s.GetRequiredService<ReportingService>().FormAsync(actor, periodId, unitCode, Language.Vietnamese, Ct);
        if (!outcome.Succeeded)
        {
            return Describe(outcome.As<ReportFormView>());
        }

        var (checks, form) = (s.GetRequiredService<CheckService>(), outcome.Value!);
        var files = (await s.GetRequiredService<EvidenceService>().ListAsync(actor, periodId, unitCode, cancellationToken: Ct)).Value ?? [];
        var inputChecks = (await checks.InputChecksAsync(actor, periodId, unitCode, Ct)).Value ?? [];
        var evidenceChecks = (await checks.EvidenceAsync(actor, periodId, unitCode, Ct)).Value;
        if (form.Delegation is not null)
        {
            return Describe(Outcome<ReportFormView>.Ok(new ReportFormView(form, files, inputChecks, evidenceChecks, null, null, [], null, false, false, false, false)));
        }

        var submission = (await s.GetRequiredService<SubmissionService>().GetAsync(actor, periodId, unitCode, Ct)).Value!;
        var threads = (await s.GetRequiredService<ReviewNoteService>().ThreadsAsync(actor, periodId, unitCode, Ct)).Value!;
        var adjusted = (await s.GetRequiredService<AdjustmentService>().ListAsync(actor, periodId, unitCode, Language.Vietnamese, Ct)).Value ?? [];
        var changes = actor.IsProvinceStaff && submission.ApprovedAt is not null
            ? (await s.GetRequiredService<ReviewComparisonService>().ChangesSinceApprovalAsync(actor, periodId, unitCode, Language.Vietnamese, Ct)).Value
            : null;
        return Describe(Outcome<ReportFormView>.Ok(new ReportFormView(
            form, files, inputChecks, evidenceChecks, submission, threads, adjusted, changes,
            AccessPolicy.CanAdminister(actor), actor.IsProvinceStaff, actor.UnitId is not null && !actor.IsIn(Data.Identity.Roles.Viewer),
            actor.IsProvinceStaff && AdjustmentService.IsOpen(submission.State, form.Period.Status))));
    });

    private static string Describe(Outcome<ReportFormView> outcome) =>
        outcome.Succeeded
            ? JsonSerializer.Serialize(outcome.Value, Json)
            : $"{outcome.Status}: {outcome.Message?.ToString(Language.Vietnamese)}";

    /// <summary>Writes a value as a text: messages in Vietnamese, framework nodes and inputs by their code and name.</summary>
    private sealed class TextOf<T>(Func<T, string> text) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(text(value));
    }
}
