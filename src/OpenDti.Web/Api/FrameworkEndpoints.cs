using OpenDti.Application;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Frameworks: list, tree, file export, import, copy to a new year.</summary>
internal static class FrameworkEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/frameworks").WithTags("Frameworks");

        group.MapGet("/", async (FrameworkCatalog catalog, CancellationToken cancellationToken) =>
                Results.Ok((await catalog.ListAsync(cancellationToken)).Select(Summary)))
            .WithSummary("Các bộ chỉ số / Frameworks");

        group.MapGet("/{code}", async (string code, FrameworkCatalog catalog, HttpContext http, CancellationToken cancellationToken) =>
                ApiResults.From(await catalog.GetAsync(code, cancellationToken), http, Tree))
            .WithSummary("Cây chỉ số của một bộ chỉ số / A framework's tree");

        group.MapGet("/{code}/yaml", async (string code, FrameworkCatalog catalog, HttpContext http, CancellationToken cancellationToken) =>
            {
                var exported = await catalog.ExportAsync(code, cancellationToken);
                return exported.Succeeded
                    ? Results.Text(exported.Value!, "application/yaml; charset=utf-8")
                    : ApiResults.From(exported, http, v => v);
            })
            .WithSummary("Tệp YAML của bộ chỉ số / The framework file");

        group.MapGet("/{code}/xlsx", async (string code, FrameworkWorkbookService workbooks, HttpContext http, CancellationToken cancellationToken) =>
            {
                var exported = await workbooks.ExportAsync(code, cancellationToken);
                return exported.Succeeded ? WorkbookEndpoints.File(exported.Value!, http) : ApiResults.From(exported, http, _ => new object());
            })
            .WithSummary("Bộ chỉ số dạng bảng tính Excel / The framework as an Excel workbook")
            .Produces(StatusCodes.Status200OK, contentType: Exchange.Workbooks.FrameworkWorkbook.ContentType);

        group.MapPost("/xlsx", async (CurrentActor current, FrameworkWorkbookService workbooks, EvidenceService evidence, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, actor =>
                    EvidenceEndpoints.ReadUploadAsync(evidence, http, async upload =>
                        ApiResults.From(await workbooks.ImportAsync(actor, upload.Content, upload.FileName, cancellationToken), http, Summary), cancellationToken)))
            .WithSummary("Nhập bộ chỉ số từ bảng tính Excel (quản trị) / Import a framework workbook (administrators)")
            .Accepts<WorkbookUploadForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            // Callers of the API sign in with a bearer token, which a cross-site form cannot send.
            .DisableAntiforgery();

        group.MapPost("/", async (HttpRequest request, CurrentActor current, FrameworkCatalog catalog, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    using var reader = new StreamReader(request.Body);
                    var yaml = await reader.ReadToEndAsync(cancellationToken);
                    return ApiResults.From(await catalog.ImportAsync(actor, yaml, "upload.yaml", cancellationToken), http, Summary);
                }))
            .Accepts<string>("application/yaml")
            .WithSummary("Nhập bộ chỉ số từ tệp YAML (quản trị) / Import a framework file (administrators)");

        group.MapPost("/{code}/copy", async (string code, CopyFrameworkRequest body, CurrentActor current, FrameworkCatalog catalog, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await catalog.CopyAsync(actor, code, body.Code, body.Year, body.Name, cancellationToken), http, Summary)))
            .WithSummary("Sao chép bộ chỉ số sang năm mới (quản trị) / Copy a framework to a new year (administrators)");
    }

    private static FrameworkDto Summary(FrameworkSummary f) =>
        new(f.Code, f.Name, f.Year, f.Level.ToFileName(), f.TotalPoints, f.BuiltIn, f.CopiedFrom);

    private static FrameworkTreeDto Tree(Framework f) =>
        new(f.Code, f.Name, f.Year, f.Level.ToFileName(), f.TotalPoints, f.Roots.Select(Node).ToArray());

    private static NodeDto Node(FrameworkNode n) => new(
        n.Code.Value,
        n.Name,
        n.Kind.ToFileName(),
        n.MaxPoints,
        n.Provisional,
        n.Guidance,
        n.Requirement,
        n.Evidence,
        n.Inputs.Select(i => new InputDto(i.Name, i.Label, i.Kind.ToFileName(), i.Unit, i.Min, i.Max, i.Options.Select(o => new OptionDto(o.Key, o.Label, o.Fraction)).ToArray())).ToArray(),
        n.Rule?.Text,
        n.Children.Select(Node).ToArray());
}

/// <summary>A framework in a list.</summary>
public sealed record FrameworkDto(string Code, string Name, int Year, string Level, decimal TotalPoints, bool BuiltIn, string? CopiedFrom);

/// <summary>A framework's tree.</summary>
public sealed record FrameworkTreeDto(string Code, string Name, int Year, string Level, decimal TotalPoints, IReadOnlyList<NodeDto> Nodes);

/// <summary>A node of a framework.</summary>
public sealed record NodeDto(
    string Code, string Name, string Kind, decimal MaxPoints, bool Provisional, string? Guidance, string? Requirement, string? Evidence,
    IReadOnlyList<InputDto> Inputs, string? Rule, IReadOnlyList<NodeDto> Children);

/// <summary>An input of an indicator.</summary>
public sealed record InputDto(string Name, string Label, string Kind, string? Unit, decimal? Min, decimal? Max, IReadOnlyList<OptionDto> Options);

/// <summary>An option of a choice.</summary>
public sealed record OptionDto(string Key, string Label, decimal Fraction);

/// <summary>A copy of a framework for a new year.</summary>
/// <param name="Code">The new code.</param>
/// <param name="Year">The new year.</param>
/// <param name="Name">The new name (the old one when absent).</param>
public sealed record CopyFrameworkRequest(string Code, int Year, string? Name);
