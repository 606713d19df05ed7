using System.CommandLine;
using OpenDti.Cli.Output;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Exchange.Results;
using OpenDti.Exchange.Values;
using Spectre.Console;

namespace OpenDti.Cli.Commands;

/// <summary>
/// <c>opendti score --framework F --data values.csv [--reference ref.csv] [--format json|csv|table] [--explain]</c>:
/// scores every unit of the data file as one cohort. A bad row fails the command with its line
/// number and nothing is written to the output.
/// </summary>
internal static class ScoreCommand
{
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var framework = new Option<string>("--framework") { Description = text["ScoreFramework"], Required = true };
        var data = new Option<string>("--data") { Description = text["ScoreData"], Required = true };
        var reference = new Option<string?>("--reference") { Description = text["ScoreReference"] };
        var format = FrameworkCommands.FormatOption(context, "table", "table", "json", "csv");
        var explain = new Option<bool>("--explain") { Description = text["ScoreExplain"] };
        var command = new Command("score", text["ScoreCommand"]) { framework, data, reference, format, explain };
        command.SetAction(parse =>
        {
            var loaded = FrameworkSource.Resolve(parse.GetValue(framework)!, context);
            var dataPath = parse.GetValue(data)!;
            var values = ValuesCsvReader.Read(Files.ReadBytes(dataPath, context), loaded, dataPath);
            if (!Report(values.Diagnostics, dataPath, context))
            {
                return 1;
            }

            IReadOnlyList<ReferenceMeasure> references = [];
            if (parse.GetValue(reference) is { } referencePath)
            {
                var read = ReferenceCsvReader.Read(Files.ReadBytes(referencePath, context), loaded, referencePath);
                if (!Report(read.Diagnostics, referencePath, context))
                {
                    return 1;
                }

                references = read.References;
            }

            foreach (var unit in values.Units)
            {
                foreach (var (node, check) in InputChecks.Failed(unit))
                {
                    context.Error.WriteLine(text.Get("CheckWarning", unit.UnitCode, node.Code, check.Message));
                }
            }

            var scores = ScoringEngine.Score(loaded, values.Units, new ScoringOptions { References = references });
            var withExplanations = parse.GetValue(explain);
            switch (parse.GetValue(format))
            {
                case "json":
                    ScoresJsonWriter.Write(context.Output, scores, withExplanations, text.Language);
                    context.Output.WriteLine();
                    break;
                case "csv":
                    ScoresCsvWriter.Write(context.Output, scores, withExplanations, text.Language);
                    break;
                default:
                    WriteTable(scores, withExplanations, context);
                    break;
            }

            return 0;
        });
        return command;
    }

    /// <summary>Prints every problem; false when there was an error (then nothing else is written).</summary>
    private static bool Report(IReadOnlyList<Diagnostic> diagnostics, string path, CliContext context)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToLine(context.Text.Language));
        }

        var errors = diagnostics.Count(d => d.IsError);
        if (errors > 0)
        {
            context.Error.WriteLine(context.Text.Get("DataInvalid", path, errors));
            return false;
        }

        return true;
    }

    private static void WriteTable(CohortScores scores, bool explain, CliContext context)
    {
        var text = context.Text;
        var language = text.Language;
        var framework = scores.Framework;
        var console = PlainConsole.For(context.Output);
        var table = new Table { Title = new TableTitle(Markup.Escape(text.Get("RankingTitle", framework.Code, scores.Units.Count))) };
        table.AddColumn(text["ColumnRank"]);
        table.AddColumn(text["ColumnUnit"]);
        table.AddColumn(new TableColumn(text["ColumnTotal"]).RightAligned());
        foreach (var mainIndex in framework.MainIndices)
        {
            table.AddColumn(new TableColumn(Markup.Escape(mainIndex.Code.Value)).RightAligned());
        }

        table.AddColumn(text["ColumnComplete"]);
        foreach (var unit in scores.Units)
        {
            var cells = new List<string>
            {
                unit.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(unit.UnitCode),
                NumberText.Points(unit.Total, language),
            };
            cells.AddRange(framework.MainIndices.Select(m => NumberText.Points(unit[m].Points, language)));
            cells.Add(unit.Submitted
                ? (unit.Complete ? text["Yes"] : $"{text["No"]} ({unit.AnsweredInputs}/{unit.TotalInputs})")
                : text["NotSubmitted"]);
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        if (framework.HasProvisional)
        {
            context.Output.WriteLine(text["ProvisionalFootnote"]);
        }

        if (!explain)
        {
            return;
        }

        foreach (var unit in scores.Units)
        {
            var tree = new Tree(Markup.Escape($"{unit.UnitCode}: {NumberText.Points(unit.Total, language)} ({text["ColumnRank"]} {unit.Rank})"));
            void Add(IHasTreeNodes parent, FrameworkNode node)
            {
                var score = unit[node];
                var flags = ScoreFlagNames.Labels(score.Flags, language);
                var label = $"{node.Code} {node.Name}: {NumberText.Points(score.Points, language)}/{NumberText.Number(node.MaxPoints, language)}"
                    + (flags.Count > 0 ? " [" + string.Join(", ", flags) + "]" : string.Empty)
                    + Environment.NewLine + scores.Explain(unit, node, language).Text;
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

            context.Output.WriteLine();
            console.Write(tree);
        }
    }
}
