using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Core.Review;
using OpenDti.Data.Evidence;
using OpenDti.Data.Identity;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Puts a small province's submissions, review notes, evidence and accounts in the state a test
/// needs, directly in the database (the review's transitions are not what these tests are about).
/// </summary>
internal static class ReviewStates
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stores the submission of <paramref name="unitCode"/> in <paramref name="periodId"/> in <paramref name="state"/>.</summary>
    public static async Task SetSubmissionAsync(
        this SmallProvince province,
        int periodId,
        string unitCode,
        SubmissionState state,
        int round = 0,
        DateTime? updatedAt = null,
        DateOnly? answerBy = null,
        DateOnly? exceptionUntil = null)
    {
        var unitId = (await province.UnitAsync(unitCode)).Id;
        await province.InDbAsync(async db =>
        {
            var submission = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == periodId && s.UnitId == unitId, Ct);
            if (submission is null)
            {
                submission = new Submission { PeriodId = periodId, UnitId = unitId, UpdatedBy = "test" };
                db.Submissions.Add(submission);
            }

            submission.State = state;
            submission.Round = round;
            submission.UpdatedAt = updatedAt ?? new DateTime(2024, 12, 1, 2, 0, 0, DateTimeKind.Utc);
            submission.AnswerBy = answerBy;
            submission.ExceptionUntil = exceptionUntil;
            submission.Version++;
            return await db.SaveChangesAsync(Ct);
        });
    }

    /// <summary>Adds a note of <paramref name="kind"/> to <paramref name="indicator"/>'s thread; the notes' order is the order of the calls.</summary>
    public static async Task AddNoteAsync(this SmallProvince province, int periodId, string unitCode, string indicator, ReviewNoteKind kind, int round)
    {
        var unitId = (await province.UnitAsync(unitCode)).Id;
        await province.InDbAsync(db =>
        {
            db.ReviewNotes.Add(new ReviewNote
            {
                PeriodId = periodId, UnitId = unitId, Indicator = indicator, Kind = kind, Round = round, Text = kind + " " + indicator,
                At = DateTime.UtcNow, UserId = "id-test", UserName = "test",
            });
            return db.SaveChangesAsync(Ct);
        });
    }

    /// <summary>Adds an evidence file for <paramref name="indicator"/> (deleted, or filed with an appeal, when asked).</summary>
    public static async Task AddEvidenceAsync(this SmallProvince province, int periodId, string unitCode, string indicator, bool deleted = false, bool withAppeal = false)
    {
        var unitId = (await province.UnitAsync(unitCode)).Id;
        await province.InDbAsync(async db =>
        {
            int? appealId = null;
            if (withAppeal)
            {
                var appeal = new Appeal { PeriodId = periodId, UnitId = unitId, Indicators = indicator, Reason = "test", FiledBy = "test", FiledAt = DateTime.UtcNow, PublicationNumber = 1 };
                db.Appeals.Add(appeal);
                await db.SaveChangesAsync(Ct);
                appealId = appeal.Id;
            }

            db.EvidenceFiles.Add(new EvidenceFile
            {
                PeriodId = periodId, UnitId = unitId, Indicator = indicator, FileName = indicator + ".pdf", ContentType = "application/pdf",
                Size = 1, Sha256 = new string('0', 63) + (deleted ? "1" : withAppeal ? "2" : "3"), UploadedBy = "test", UploadedAt = DateTime.UtcNow,
                DeletedAt = deleted ? DateTime.UtcNow : null, DeletedBy = deleted ? "test" : null, AppealId = appealId,
            });
            return await db.SaveChangesAsync(Ct);
        });
    }

    /// <summary>Creates an account with <paramref name="role"/>, of <paramref name="unitCode"/> when given, with <paramref name="email"/>; its id.</summary>
    public static async Task<string> CreateAccountAsync(this SmallProvince province, string userName, string role, string? unitCode, string? email, bool locked = false)
    {
        int? unitId = unitCode is null ? null : (await province.UnitAsync(unitCode)).Id;
        return await province.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = "Ông " + userName, Email = email, UnitId = unitId };
            var created = await users.CreateAsync(user, "Kiem-Thu@2024");
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            if (locked)
            {
                await users.SetLockoutEnabledAsync(user, true);
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            }

            return user.Id;
        });
    }
}

/// <summary>A clock that always says <paramref name="now"/>.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>10:00 in Vietnam on <paramref name="day"/>.</summary>
    public static FixedClock At(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
