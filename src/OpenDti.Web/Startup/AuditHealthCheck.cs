using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenDti.Data;
using OpenDti.Data.Audit;

namespace OpenDti.Web.Startup;

/// <summary>
/// <c>/health</c>'s <c>audit</c> check: the audit's hash chain read whole (<see cref="AuditChain.VerifyAsync"/>).
/// A broken link makes the check Degraded (the application still serves; the health detail names the
/// first broken entry) rather than Unhealthy, which would take every instance out of a load balancer.
/// The chain is read at most once per <see cref="Interval"/>; calls in between get the last answer.
/// </summary>
internal sealed class AuditHealthCheck(IServiceScopeFactory scopes, TimeProvider time) : IHealthCheck, IDisposable
{
    /// <summary>How long a reading of the chain is reused.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } read)
            {
                return read;
            }

            await using var scope = scopes.CreateAsyncScope();
            var report = await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>(), cancellationToken);
            var data = new Dictionary<string, object> { ["entries"] = report.Count, ["lastSequence"] = report.LastSequence, ["lastHash"] = report.LastHash ?? string.Empty };
            var result = report.Break is { } broken
                ? HealthCheckResult.Degraded(
                    $"audit chain broken at entry {broken.Sequence} (id {broken.EntryId}): {broken.Kind.ToString().ToLowerInvariant()}; run 'opendti audit verify'",
                    data: data)
                : HealthCheckResult.Healthy($"{report.Count} entries, last hash {report.LastHash ?? "-"}", data);
            _last = (time.GetUtcNow(), result);
            return result;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    private HealthCheckResult? Fresh() =>
        _last is { } last && time.GetUtcNow() - last.At < Interval ? last.Result : null;
}
