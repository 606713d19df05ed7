using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenDti.Web.Documents;

/// <summary>
/// <c>/health</c>'s <c>pdf</c> check: whether the chromium that prints documents is there. Its absence
/// is a detail, not a failure (the application works without PDFs), so the check stays Healthy and says
/// what to install.
/// </summary>
internal sealed class PdfHealthCheck(PdfRenderer renderer) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(renderer.Available
            ? "chromium " + renderer.ChromiumPath
            : $"no chromium at {renderer.ChromiumPath}: PDF documents are off (apt-get install chromium fonts-liberation)"));
}
