using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Audit;

namespace OpenDti.Cli.Commands;

/// <summary>
/// <c>opendti audit verify</c>: reads the web application's audit whole and checks its hash chain
/// (docs/security.md). Exit 0 when every link holds, with the last hash to keep elsewhere; exit 1 with the
/// first broken entry otherwise. It changes nothing in the database.
/// </summary>
internal static class AuditCommands
{
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var databaseArguments = new DatabaseArguments(text);
        var verify = new Command("verify", text["AuditVerify"]);
        databaseArguments.AddTo(verify);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = databaseArguments.Services(parse, create: false);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                throw new CliException(text["AuditDatabaseNotMigrated"]);
            }

            var report = await AuditChain.VerifyAsync(db, cancellationToken);
            if (report.Break is { } broken)
            {
                context.Error.WriteLine(text.Get(
                    "AuditBroken", broken.Sequence, broken.EntryId, text["AuditBreak" + broken.Kind], report.Count));
                return 1;
            }

            context.Output.WriteLine(text.Get("AuditIntact", report.Count, report.LastSequence, report.LastHash ?? "-"));
            return 0;
        });

        var audit = new Command("audit", text["AuditCommand"]);
        audit.Subcommands.Add(verify);
        return audit;
    }
}
