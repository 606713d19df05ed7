using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenDti.Web.Api;
using Scalar.AspNetCore;

namespace OpenDti.Web.Startup;

/// <summary>The JSON API under <c>/api</c>, its OpenAPI document (<c>/openapi/v1.json</c>) and browsable reference (<c>/scalar</c>), and <c>/health</c>.</summary>
public static class ApiSetup
{
    /// <summary>Registers OpenAPI, problem details and JSON settings.</summary>
    public static WebApplicationBuilder AddOpenDtiApi(this WebApplicationBuilder builder)
    {
        builder.AddOpenDtiPublicAccess();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = BadRequests.LocalizeTitle);
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        // Bad input: a body that cannot be bound is a 400 problem saying where (docs/security.md, "Bad input").
        builder.Services.ConfigureHttpJsonOptions(options => RequestJson.Configure(options.SerializerOptions));
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => RequestJson.Configure(options.JsonSerializerOptions));
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequests>();
        builder.Services.AddExceptionHandler<StorageFailures>();
        builder.Services.AddExceptionHandler<BusyDatabase>();
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpenDti API";
            document.Info.Description =
                "Chỉ số chuyển đổi số (DTI): bộ chỉ số, đơn vị, kỳ đánh giá, số liệu, kết quả. " +
                "Gọi POST /api/auth/login để nhận accessToken rồi gửi 'Authorization: Bearer {accessToken}' với mọi yêu cầu. " +
                "See docs/api.md for a worked example.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Maps the API, the OpenAPI document, the API reference and the health check.</summary>
    public static WebApplication MapOpenDtiApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        AuthEndpoints.Map(api);
        FrameworkEndpoints.Map(api);
        CrosswalkEndpoints.Map(api);
        UnitEndpoints.Map(api);
        PeriodEndpoints.Map(api);
        ValueEndpoints.Map(api);
        EvidenceEndpoints.Map(api);
        CheckEndpoints.Map(api);
        WorkbookEndpoints.Map(api);
        ReviewEndpoints.Map(api);
        ReviewDataEndpoints.Map(api);
        DeadlineEndpoints.Map(api);
        ProgressEndpoints.Map(api);
        PublicationEndpoints.Map(api);
        AppealEndpoints.Map(api);
        AuditEndpoints.Map(api);
        AccountEndpoints.Map(api);
        DocumentEndpoints.Map(api);
        PublicEndpoints.Map(api);
        ServiceAccountEndpoints.Map(api);
        BulkValueEndpoints.Map(api);
        PlanEndpoints.Map(api);
        PlanExchangeEndpoints.Map(api);
        WhatIfEndpoints.Map(api);
        GapEndpoints.Map(api);
        TrendEndpoints.Map(api);
        NationalEndpoints.Map(api);

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Scalar's own fonts come from its CDN, which the policy refuses: the reference uses the system's.
        app.MapScalarApiReference("/scalar", options => options.WithTitle("OpenDti API").DisableDefaultFonts()).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),

            // The cause of each check that is not healthy (never an exception's stack), and what a healthy
            // check has to say (the audit's last hash, the anchor to keep elsewhere).
            details = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy || e.Value.Description is not null)
                .ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Exception?.GetType().Name ?? e.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson));
    }

    private static readonly JsonSerializerOptions HealthJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
