using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenDti.Cli.Output;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Spectre.Console;

namespace OpenDti.Cli.Commands;

/// <summary><c>opendti framework list | show | validate | diff</c>.</summary>
internal static class FrameworkCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("framework", context.Text["FrameworkCommand"]);
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Validate(context));
        command.Subcommands.Add(Diff(context));
        return command;
    }

    internal static Option<string> FormatOption(CliContext context, string defaultValue, params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = context.Text.Get("FormatOption", string.Join(", ", formats)),
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    private static Command List(CliContext context)
    {
        var format = FormatOption(context, "table", "table", "json");
        var command = new Command("list", context.Text["FrameworkList"]) { format };
        command.SetAction(parse =>
        {
            var frameworks = BuiltInFrameworks.All().ToArray();
            if (parse.GetValue(format) == "json")
            {
                var items = frameworks.Select(f => new
                {
                    code = f.Code,
                    name = f.Name,
                    year = f.Year,
                    level = f.Level.ToFileName(),
                    total_points = f.TotalPoints,
                    provisional = f.HasProvisional,
                });
                context.Output.WriteLine(JsonSerializer.Serialize(items, JsonOptions));
                return 0;
            }

            var table = new Table().AddColumns(
                context.Text["ColumnCode"], context.Text["ColumnName"], context.Text["ColumnYear"], context.Text["ColumnLevel"], context.Text["ColumnTotalPoints"]);
            foreach (var framework in frameworks)
            {
                table.AddRow(
                    Markup.Escape(framework.Code),
                    Markup.Escape(framework.Name),
                    framework.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(Names.Level(framework.Level, context.Text)),
                    NumberText.Number(framework.TotalPoints, context.Text.Language));
            }

            PlainConsole.For(context.Output).Write(table);
            return 0;
        });
        return command;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static Command Show(CliContext context)
    {
        var framework = new Argument<string>("framework") { Description = context.Text["FrameworkArgument"] };
        var format = FormatOption(context, "table", "table", "json", "yaml");
        var command = new Command("show", context.Text["FrameworkShow"]) { framework, format };
        command.SetAction(parse =>
        {
            var loaded = FrameworkSource.Resolve(parse.GetValue(framework)!, context);
            switch (parse.GetValue(format))
            {
                case "json":
                    context.Output.WriteLine(FrameworkJsonWriter.Write(loaded));
                    break;
                case "yaml":
                    context.Output.Write(FrameworkYamlWriter.Write(loaded.Definition));
                    break;
                default:
                    WriteTree(loaded, context);
                    break;
            }

            return 0;
        });
        return command;
    }

    private static void WriteTree(Framework framework, CliContext context)
    {
        var text = context.Text;
        var language = text.Language;
        var tree = new Tree(Markup.Escape(
            $"{framework.Code}: {framework.Name} ({framework.Year}, {Names.Level(framework.Level, text)}, {NumberText.Number(framework.TotalPoints, language)})"));
        void Add(IHasTreeNodes parent, FrameworkNode node)
        {
            var points = NumberText.Number(node.MaxPoints, language) + (node.Provisional ? "*" : string.Empty);
            var label = $"{node.Code} {node.Name} [{points}]";
            if (node.Rule is not null)
            {
                label += Environment.NewLine + text["ColumnRule"] + ": " + node.Rule.Text;
                if (node.Inputs.Count > 0)
                {
                    label += Environment.NewLine + text["ColumnInputs"] + ": " + string.Join("; ", node.Inputs.Select(i => i.Label));
                }
            }

            var child = parent.AddNode(Markup.Escape(label));
            foreach (var grandchild in node.Children)
            {
                Add(child, grandchild);
            }
        }

        foreach (var root in framework.Roots)
        {
            Add(tree, root);
        }

        var console = PlainConsole.For(context.Output);
        console.Write(tree);
        if (framework.HasProvisional)
        {
            context.Output.WriteLine(text["ProvisionalFootnote"]);
        }
    }

    private static Command Validate(CliContext context)
    {
        var file = new Argument<string>("file") { Description = context.Text["FileArgument"] };
        var command = new Command("validate", context.Text["FrameworkValidate"]) { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var result = FrameworkSource.Load(path, context);
            var language = context.Text.Language;
            foreach (var diagnostic in result.Diagnostics)
            {
                (diagnostic.IsError ? context.Error : context.Output).WriteLine(diagnostic.ToDisplay(language));
            }

            if (result.Framework is not { } framework)
            {
                context.Error.WriteLine(context.Text.Get("FrameworkInvalid", path, result.Errors.Count(), result.Warnings.Count()));
                return 1;
            }

            context.Output.WriteLine(context.Text.Get(
                "FrameworkValid",
                path,
                framework.Code,
                framework.Name,
                framework.MainIndices.Count,
                framework.Leaves.Count,
                framework.Inputs.Count,
                NumberText.Number(framework.TotalPoints, language)));
            var provisional = framework.Nodes.Count(n => n.Provisional);
            if (provisional > 0)
            {
                context.Output.WriteLine(context.Text.Get("ProvisionalSummary", provisional));
            }

            return 0;
        });
        return command;
    }

    private static Command Diff(CliContext context)
    {
        var before = new Argument<string>("before") { Description = context.Text["BeforeArgument"] };
        var after = new Argument<string>("after") { Description = context.Text["AfterArgument"] };
        var format = FormatOption(context, "table", "table", "json");
        var crosswalk = new Option<bool>("--crosswalk") { Description = context.Text["CrosswalkOption"] };
        var check = new Option<string?>("--check-crosswalk") { Description = context.Text["CheckCrosswalkOption"] };
        var command = new Command("diff", context.Text["FrameworkDiff"]) { before, after, format, crosswalk, check };
        command.SetAction(parse =>
        {
            var a = FrameworkSource.Resolve(parse.GetValue(before)!, context);
            var b = FrameworkSource.Resolve(parse.GetValue(after)!, context);
            if (parse.GetValue(check) is { } path)
            {
                var (checkedCrosswalk, diagnostics) = CrosswalkCsv.Read(Files.ReadBytes(path, context), a, b, path);
                foreach (var diagnostic in diagnostics)
                {
                    context.Error.WriteLine(diagnostic.ToLine(context.Text.Language));
                }

                if (checkedCrosswalk is null)
                {
                    context.Error.WriteLine(context.Text.Get("CrosswalkInvalid", path, diagnostics.Count(d => d.IsError)));
                    return 1;
                }

                context.Output.WriteLine(context.Text.Get("CrosswalkValid", path, a.Code, b.Code, checkedCrosswalk.Links.Count));
                return 0;
            }

            if (parse.GetValue(crosswalk))
            {
                CrosswalkCsv.Write(context.Output, Crosswalk.Propose(a, b), a, b);
                return 0;
            }

            var changes = FrameworkDiff.Compare(a, b);
            if (parse.GetValue(format) == "json")
            {
                var items = changes.Select(c => new
                {
                    change = ToSnakeCase(c.Kind.ToString()),
                    code = c.Code,
                    before = c.Before,
                    after = c.After,
                });
                context.Output.WriteLine(JsonSerializer.Serialize(items, JsonOptions));
                return 0;
            }

            if (changes.Count == 0)
            {
                context.Output.WriteLine(context.Text["NoDifferences"]);
                return 0;
            }

            var table = new Table().AddColumns(
                context.Text["ColumnChange"], context.Text["ColumnCode"], context.Text["ColumnBefore"], context.Text["ColumnAfter"]);
            foreach (var change in changes)
            {
                table.AddRow(
                    Markup.Escape(Names.Change(change.Kind, context.Text)),
                    Markup.Escape(change.Code),
                    Markup.Escape(change.Before ?? "-"),
                    Markup.Escape(change.After ?? "-"));
            }

            PlainConsole.For(context.Output).Write(table);
            return 0;
        });
        return command;
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
