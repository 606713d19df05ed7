using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>How many SQL commands the report form costs (docs/performance.md, "The report form's one service").</summary>
public sealed class ReportFormQueryTests : WebAppTest
{
    [Fact]
    public async Task TheForm_IsReadWithTheCommandsItNeeds_NotOnePerIndicator()
    {
        var browser = await SignedInAsync("evaluator");
        var path = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";
        using (var warm = await browser.GetAsync(path, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var counted = await CommandsAsync(async () =>
        {
            using var response = await browser.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        TestContext.Current.SendDiagnosticMessage($"form as evaluator: {counted} SQL commands");

        // 41 indicators, 71 inputs: 32 commands on 06/12/2026 (docs/performance.md); one more per indicator or input would be far above.
        Assert.InRange(counted, 1, 32);
    }

    /// <summary>The SQL commands this test's database ran while <paramref name="action"/> ran.</summary>
    private async Task<int> CommandsAsync(Func<Task> action)
    {
        var count = 0;
        var database = Factory.Database.ConnectionString;
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new EventObserver(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data
                        && data.Context?.Database.GetConnectionString() == database)
                    {
                        Interlocked.Increment(ref count);
                    }
                }));
            }
        }));
        await action();
        return count;
    }

    private sealed class Observer(Action<DiagnosticListener> next) : IObserver<DiagnosticListener>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(DiagnosticListener value) => next(value);
    }

    private sealed class EventObserver(Action<KeyValuePair<string, object?>> next) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(KeyValuePair<string, object?> value) => next(value);
    }
}
