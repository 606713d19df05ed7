using OpenDti.Application.Integration;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Service accounts for other systems: created with an API key shown once, listed, revoked (administrators).</summary>
internal static class ServiceAccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/service-accounts").WithTags("Service accounts");

        group.MapPost("/", async (ServiceAccountRequest body, CurrentActor current, ServiceAccountService accounts, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await accounts.CreateAsync(actor, body.Name, body.UnitCodes, body.Indicators, cancellationToken);
                    return outcome.Succeeded
                        ? Results.Created($"/api/service-accounts/{outcome.Value!.Account.Id}", new CreatedServiceAccountDto(
                            outcome.Value.Account.Id, outcome.Value.ApiKey, outcome.Value.Account.Name, outcome.Value.Account.KeyPrefix,
                            outcome.Value.Account.UnitCodes, outcome.Value.Account.Indicators))
                        : ApiResults.From(outcome, http, a => a);
                }))
            .WithSummary("Tạo tài khoản dịch vụ cho hệ thống khác; khóa API chỉ hiện một lần (quản trị) / Create a service account for another system; its API key is shown once (administrators)")
            .Produces<CreatedServiceAccountDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/", async (CurrentActor current, ServiceAccountService accounts, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await accounts.ListAsync(actor, cancellationToken), http, list => list.Select(Dto).ToArray())))
            .WithSummary("Các tài khoản dịch vụ, kể cả đã thu hồi (quản trị) / The service accounts, revoked ones too (administrators)")
            .Produces<ServiceAccountDto[]>();

        group.MapDelete("/{id:int}", async (int id, CurrentActor current, ServiceAccountService accounts, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    var outcome = await accounts.RevokeAsync(actor, id, cancellationToken);
                    return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome, http, a => a);
                }))
            .WithSummary("Thu hồi tài khoản dịch vụ: khóa API hết hiệu lực ngay (quản trị) / Revoke a service account: its key stops working at once (administrators)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static ServiceAccountDto Dto(ServiceAccountSummary a) =>
        new(a.Id, a.Name, a.KeyPrefix, a.UnitCodes, a.Indicators, a.CreatedAt, a.CreatedBy, a.RevokedAt, a.RevokedBy);
}

/// <summary>A new service account: its name, the units it may write and, optionally, the only indicators it may write.</summary>
public sealed record ServiceAccountRequest(string? Name, IReadOnlyList<string?>? UnitCodes, IReadOnlyList<string?>? Indicators = null);

/// <summary>A service account just created: <c>apiKey</c> is shown this once, send it as <c>X-Api-Key</c>.</summary>
public sealed record CreatedServiceAccountDto(int Id, string ApiKey, string Name, string KeyPrefix, IReadOnlyList<string> UnitCodes, IReadOnlyList<string>? Indicators);

/// <summary>A service account (its key's first characters only).</summary>
public sealed record ServiceAccountDto(
    int Id, string Name, string KeyPrefix, IReadOnlyList<string> UnitCodes, IReadOnlyList<string>? Indicators, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, string? RevokedBy);
