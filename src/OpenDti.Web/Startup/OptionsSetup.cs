using OpenDti.Application.Evidence;
using OpenDti.Application.Review;

namespace OpenDti.Web.Startup;

/// <summary>Reads the <c>OpenDti</c> settings; <c>--demo</c> on the command line turns the demo province on.</summary>
public static class OptionsSetup
{
    /// <summary>Binds <see cref="OpenDtiSettings"/> and the evidence limits (<c>OpenDti:Evidence</c>), and resolves the data directory.</summary>
    public static WebApplicationBuilder AddOpenDtiOptions(this WebApplicationBuilder builder, string[] args)
    {
        if (args.Contains("--demo", StringComparer.OrdinalIgnoreCase))
        {
            builder.Configuration["OpenDti:Demo"] = "true";
        }

        builder.Services.Configure<OpenDtiSettings>(builder.Configuration.GetSection(OpenDtiSettings.Section));
        builder.Services.PostConfigure<OpenDtiSettings>(settings =>
            settings.DataDirectory = Path.GetFullPath(settings.DataDirectory, builder.Environment.ContentRootPath));
        builder.Services.AddOptions<EvidenceOptions>()
            .Bind(builder.Configuration.GetSection(EvidenceOptions.Section))
            .Validate(evidence => evidence.MaxBytes > 0, "OpenDti:Evidence:MaxBytes must be a positive number of bytes")
            .ValidateOnStart();
        builder.Services.AddOptions<ReviewOptions>()
            .Bind(builder.Configuration.GetSection(ReviewOptions.Section))
            .Validate(review => review.AnswerDays is >= 1 and <= 90, "OpenDti:Review:AnswerDays must be a number of days from 1 to 90")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>The settings as configured now (before the service provider exists).</summary>
    public static OpenDtiSettings Settings(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OpenDtiSettings.Section).Get<OpenDtiSettings>() ?? new OpenDtiSettings();
        settings.DataDirectory = Path.GetFullPath(settings.DataDirectory, builder.Environment.ContentRootPath);
        return settings;
    }
}
