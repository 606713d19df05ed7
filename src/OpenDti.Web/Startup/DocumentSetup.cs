using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenDti.Application.Documents;
using OpenDti.Exchange.Documents;
using OpenDti.Web.Documents;

namespace OpenDti.Web.Startup;

/// <summary>
/// Documents in the official layout: the issuer's settings (<c>OpenDti:Documents</c>), printing to PDF
/// with chromium (<c>OpenDti:Pdf</c>), the <c>pdf</c> detail of <c>/health</c>, and the documents' stylesheet.
/// </summary>
public static class DocumentSetup
{
    /// <summary>The address of the documents' stylesheet, <see cref="OfficialDocumentWriter.Stylesheet"/>, for the print pages.</summary>
    public const string StylesheetPath = "/tai-lieu/van-ban.css";

    /// <summary>Binds the settings and registers the PDF renderer and its health detail.</summary>
    public static WebApplicationBuilder AddOpenDtiDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DocumentOptions>(builder.Configuration.GetSection(DocumentOptions.Section));
        builder.Services.AddOptions<PdfOptions>()
            .Bind(builder.Configuration.GetSection(PdfOptions.Section))
            .Validate(
                pdf => pdf is { MaxConcurrent: >= 1, QueueSeconds: >= 0, TimeoutSeconds: >= 1 } && !string.IsNullOrWhiteSpace(pdf.ChromiumPath),
                "OpenDti:Pdf needs a ChromiumPath, MaxConcurrent of 1 or more, QueueSeconds of 0 or more and TimeoutSeconds of 1 or more")
            .ValidateOnStart();
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddHealthChecks().AddCheck<PdfHealthCheck>("pdf");
        return builder;
    }

    /// <summary>Serves the documents' stylesheet (the one the PDFs carry inline), to anyone: it holds no data.</summary>
    public static WebApplication MapOpenDtiDocuments(this WebApplication app)
    {
        app.MapGet(StylesheetPath, () => Results.Text(OfficialDocumentWriter.Stylesheet, "text/css; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
