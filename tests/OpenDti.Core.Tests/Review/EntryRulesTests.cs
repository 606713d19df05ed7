using OpenDti.Core.Review;
using OpenDti.Core.Text;
using Xunit;

namespace OpenDti.Core.Tests.Review;

/// <summary>When values may change: the state, the close day (inclusive) and an exception (inclusive).</summary>
public class EntryRulesTests
{
    private static readonly DateOnly ClosesOn = new(2023, 12, 10);

    [Theory]
    [InlineData(SubmissionState.Draft)]
    [InlineData(SubmissionState.Returned)]
    public void BeforeAndOnTheCloseDay_ValuesChange(SubmissionState state)
    {
        foreach (var today in new[] { new DateOnly(2023, 11, 1), ClosesOn.AddDays(-1), ClosesOn })
        {
            var decision = EntryRules.CanChangeValues(state, ClosesOn, today, exceptionUntil: null);

            Assert.True(decision.Allowed);
            Assert.Null(decision.Refusal);
            Assert.Equal(ClosesOn, decision.OpenUntil);
            Assert.Equal("", decision.Message());
        }
    }

    [Theory]
    [InlineData(SubmissionState.Draft)]
    [InlineData(SubmissionState.Returned)]
    public void TheDayAfterTheCloseDay_IsRefused(SubmissionState state)
    {
        var decision = EntryRules.CanChangeValues(state, ClosesOn, ClosesOn.AddDays(1), exceptionUntil: null);

        Assert.False(decision.Allowed);
        Assert.Equal(EntryRefusal.DeadlinePassed, decision.Refusal);
        Assert.Null(decision.OpenUntil);
        Assert.Equal("không thể sửa số liệu: đã hết hạn kê khai ngày 10/12/2023", decision.Message());
        Assert.Equal("values cannot be changed: entry closed on 10/12/2023", decision.Message(Language.English));
    }

    [Fact]
    public void AReturnedSubmission_StaysOpenUntilTheAnswerDeadline_AfterTheCloseDate()
    {
        var answerBy = new DateOnly(2023, 12, 24);

        var during = EntryRules.CanChangeValues(SubmissionState.Returned, ClosesOn, ClosesOn.AddDays(5), exceptionUntil: null, answerBy);
        var lastDay = EntryRules.CanChangeValues(SubmissionState.Returned, ClosesOn, answerBy, exceptionUntil: null, answerBy);
        var after = EntryRules.CanChangeValues(SubmissionState.Returned, ClosesOn, answerBy.AddDays(1), exceptionUntil: null, answerBy);

        Assert.True(during.Allowed);
        Assert.Equal(answerBy, during.OpenUntil);
        Assert.True(lastDay.Allowed);
        Assert.False(after.Allowed);
        Assert.Equal(EntryRefusal.DeadlinePassed, after.Refusal);
        Assert.Equal("không thể sửa số liệu: đã hết hạn giải trình ngày 24/12/2023", after.Message());
        Assert.Equal("values cannot be changed: the time to answer the review ended on 24/12/2023", after.Message(Language.English));
    }

    [Theory]
    [InlineData(SubmissionState.Draft)]
    [InlineData(SubmissionState.Submitted)]
    [InlineData(SubmissionState.Resubmitted)]
    public void TheAnswerDeadline_OpensNothing_UnlessTheSubmissionIsReturned(SubmissionState state)
    {
        var decision = EntryRules.CanChangeValues(state, ClosesOn, ClosesOn.AddDays(1), exceptionUntil: null, answerBy: ClosesOn.AddDays(10));

        Assert.False(decision.Allowed);
    }

    [Fact]
    public void TheLaterOfExceptionAndAnswerDeadline_Counts()
    {
        var exception = new DateOnly(2023, 12, 30);
        var answerBy = new DateOnly(2023, 12, 20);

        var decision = EntryRules.CanChangeValues(SubmissionState.Returned, ClosesOn, new DateOnly(2023, 12, 25), exception, answerBy);
        var earlyAnswer = EntryRules.CanChangeValues(SubmissionState.Returned, ClosesOn, ClosesOn, exceptionUntil: null, answerBy: ClosesOn.AddDays(-3));

        Assert.True(decision.Allowed);
        Assert.Equal(exception, decision.OpenUntil);
        Assert.Equal(ClosesOn, earlyAnswer.OpenUntil);
    }

    [Fact]
    public void AnException_OpensEntryUntilItsLastDay_Inclusive()
    {
        var until = new DateOnly(2023, 12, 20);

        var during = EntryRules.CanChangeValues(SubmissionState.Draft, ClosesOn, ClosesOn.AddDays(1), until);
        var lastDay = EntryRules.CanChangeValues(SubmissionState.Returned, ClosesOn, until, until);
        var after = EntryRules.CanChangeValues(SubmissionState.Draft, ClosesOn, until.AddDays(1), until);

        Assert.True(during.Allowed);
        Assert.Equal(until, during.OpenUntil);
        Assert.True(lastDay.Allowed);
        Assert.False(after.Allowed);
        Assert.Equal(EntryRefusal.DeadlinePassed, after.Refusal);
        Assert.Equal("không thể sửa số liệu: thời hạn gia hạn đến ngày 20/12/2023 đã hết (hạn kê khai ngày 10/12/2023)", after.Message());
        Assert.Equal("values cannot be changed: the extension until 20/12/2023 has ended (entry closed on 10/12/2023)", after.Message(Language.English));
    }

    [Fact]
    public void AnExceptionInThePast_DoesNotReopenEntry()
    {
        var decision = EntryRules.CanChangeValues(SubmissionState.Draft, ClosesOn, new DateOnly(2024, 1, 15), new DateOnly(2024, 1, 5));

        Assert.False(decision.Allowed);
        Assert.Equal(EntryRefusal.DeadlinePassed, decision.Refusal);
        Assert.Contains("05/01/2024", decision.Message());
    }

    [Fact]
    public void AnExceptionEndingBeforeTheCloseDay_ChangesNothing()
    {
        var early = new DateOnly(2023, 12, 1);

        var onCloseDay = EntryRules.CanChangeValues(SubmissionState.Draft, ClosesOn, ClosesOn, early);
        var after = EntryRules.CanChangeValues(SubmissionState.Draft, ClosesOn, ClosesOn.AddDays(1), early);

        Assert.True(onCloseDay.Allowed);
        Assert.Equal(ClosesOn, onCloseDay.OpenUntil);
        Assert.Equal("không thể sửa số liệu: đã hết hạn kê khai ngày 10/12/2023", after.Message());
    }

    public static TheoryData<SubmissionState, DateOnly, DateOnly?> LockedStatesOnAnyDay()
    {
        var data = new TheoryData<SubmissionState, DateOnly, DateOnly?>();
        SubmissionState[] locked =
            [SubmissionState.Submitted, SubmissionState.Approved, SubmissionState.UnderReview, SubmissionState.Resubmitted, SubmissionState.Finalised];
        foreach (var state in locked)
        {
            data.Add(state, new DateOnly(2023, 11, 1), null);
            data.Add(state, ClosesOn, null);
            data.Add(state, ClosesOn.AddDays(1), null);
            data.Add(state, ClosesOn.AddDays(1), new DateOnly(2023, 12, 31));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LockedStatesOnAnyDay))]
    public void StatesOtherThanDraftAndReturned_AreLocked_WhateverTheDate(SubmissionState state, DateOnly today, DateOnly? exceptionUntil)
    {
        var decision = EntryRules.CanChangeValues(state, ClosesOn, today, exceptionUntil);

        Assert.False(decision.Allowed);
        Assert.Equal(EntryRefusal.NotInThisState, decision.Refusal);
        Assert.Contains(ReviewText.Name(state).ToString(Language.Vietnamese), decision.Message());
        Assert.Contains(ReviewText.Name(state).ToString(Language.English), decision.Message(Language.English));
    }

    [Fact]
    public void LockedState_SaysWhenValuesChange()
    {
        var decision = EntryRules.CanChangeValues(SubmissionState.Submitted, ClosesOn, ClosesOn, null);

        Assert.Equal(
            "không thể sửa số liệu: hồ sơ đang ở trạng thái đã gửi; chỉ sửa được khi hồ sơ đang kê khai hoặc đã trả lại",
            decision.Message());
        Assert.Equal(
            "values cannot be changed: the submission's state is submitted; values change only while it is a draft or returned",
            decision.Message(Language.English));
    }
}
