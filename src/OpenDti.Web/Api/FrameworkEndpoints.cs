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

        group.MapPost("/{code}/versions", async (string code, FrameworkVersionRequest body, bool? dryRun, CurrentActor current, FrameworkEditService edits, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await edits.SaveFileAsync(actor, code, body.Yaml, body.Code, body.Name, dryRun ?? false, cancellationToken), http, Version)))
            .WithSummary("Lưu bộ chỉ số đã sửa thành phiên bản mới, hoặc chỉ kiểm tra với ?dryRun=true (quản trị) / Save an edited framework as a new version, or only check it with ?dryRun=true (administrators)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static FrameworkVersionDto Version(FrameworkVersion v) => new(
        v.Source.Code, v.Code, v.Name, v.Saved, v.Changes.Select(c => new NodeChangeDto(c.Kind.ToString(), c.Code, c.Before, c.After)).ToArray());

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

/// <summary>An edited framework to save as a new version of the framework in the address.</summary>
/// <param name="Yaml">The whole framework file, edited (as <c>GET /api/frameworks/{code}/yaml</c> gives it).</param>
/// <param name="Code">The new version's code; the source's with a version suffix (<c>-v2</c>) when absent. The file's own code is replaced.</param>
/// <param name="Name">The new version's name; the file's when absent.</param>
public sealed record FrameworkVersionRequest(string? Yaml, string? Code, string? Name);

/// <summary>A new version of a framework, saved or only checked.</summary>
/// <param name="Source">The framework it was edited from (its <c>copiedFrom</c>).</param>
/// <param name="Code">The new version's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Saved">False for a dry run.</param>
/// <param name="Changes">What differs from the source, node by node.</param>
public sealed record FrameworkVersionDto(string Source, string Code, string Name, bool Saved, IReadOnlyList<NodeChangeDto> Changes);

/// <summary>One difference between two frameworks.</summary>
/// <param name="Kind">Added, Removed, Renamed, Repointed, RuleChanged, InputsChanged, Moved, KindChanged or FrameworkChanged.</param>
/// <param name="Code">The node's code (or the framework's field).</param>
/// <param name="Before">The old value.</param>
/// <param name="After">The new value.</param>
public sealed record NodeChangeDto(string Kind, string Code, string? Before, string? After);
