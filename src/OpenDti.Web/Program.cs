using OpenDti.Web.Startup;

var builder = WebApplication.CreateBuilder(ContentRootSetup.Options(args));
builder.AddOpenDtiOptions(args);
builder.AddOpenDtiDatabase();
builder.AddOpenDtiIdentity();
builder.AddOpenDtiProxies();
builder.AddOpenDtiApi();
builder.AddOpenDtiPages();
builder.AddOpenDtiReminders();
builder.AddOpenDtiDocuments();
builder.AddOpenDtiCompression();

var app = builder.Build();
if (await app.InitializeOpenDtiAsync() is { } exitCode)
{
    return exitCode; // 74: the database cannot be written; 69: it cannot be reached. The log says why in one line.
}

app.UseOpenDti();
app.MapOpenDtiApi();
app.MapOpenDtiPages();
app.MapOpenDtiDocuments();
app.LogWhereOpenDtiListens();
return await app.RunOpenDtiAsync();

/// <summary>The web application's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
