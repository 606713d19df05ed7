using OpenDti.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddOpenDtiOptions(args);
builder.AddOpenDtiDatabase();
builder.AddOpenDtiIdentity();
builder.AddOpenDtiProxies();
builder.AddOpenDtiApi();
builder.AddOpenDtiPages();
builder.AddOpenDtiReminders();

var app = builder.Build();
await app.InitializeOpenDtiAsync();
app.UseOpenDti();
app.MapOpenDtiApi();
app.MapOpenDtiPages();
app.LogWhereOpenDtiListens();
await app.RunAsync();

/// <summary>The web application's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
