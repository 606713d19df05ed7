using OpenDti.Core.Frameworks;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;

namespace OpenDti.Cli;

/// <summary>Finds a framework given as a built-in code or as a file path.</summary>
internal static class FrameworkSource
{
    /// <summary>
    /// The framework <paramref name="codeOrPath"/>. A file with problems has every problem printed and
    /// fails with exit code 1.
    /// </summary>
    public static Framework Resolve(string codeOrPath, CliContext context)
    {
        if (BuiltInFrameworks.Contains(codeOrPath))
        {
            return BuiltInFrameworks.Get(codeOrPath);
        }

        if (!File.Exists(codeOrPath))
        {
            throw new CliException(context.Text.Get("FrameworkNotFound", codeOrPath, string.Join(", ", BuiltInFrameworks.Codes)));
        }

        var result = Load(codeOrPath, context);
        foreach (var diagnostic in result.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToDisplay(context.Text.Language));
        }

        if (result.Framework is null)
        {
            throw new CliException(
                context.Text.Get("FrameworkInvalid", codeOrPath, result.Errors.Count(), result.Warnings.Count()));
        }

        return result.Framework;
    }

    /// <summary>
    /// Reads and checks the framework file <paramref name="path"/>: YAML, or an Excel workbook (<c>.xlsx</c>,
    /// docs/exchange.md) checked the same way, its problems located by sheet and cell.
    /// </summary>
    public static FrameworkLoadResult Load(string path, CliContext context) =>
        path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? FrameworkLoader.Load(Exchange.Workbooks.FrameworkWorkbook.Read(new MemoryStream(Files.ReadBytes(path, context)), path))
            : FrameworkLoader.Load(Files.ReadText(path, context), path);
}

/// <summary>Reading files with errors as one line.</summary>
internal static class Files
{
    public static string ReadText(string path, CliContext context) => Read(path, context, File.ReadAllText);

    /// <summary>The bytes of a file whose encoding its reader checks (CSV must be UTF-8, and a bad byte is named with its line).</summary>
    public static byte[] ReadBytes(string path, CliContext context) => Read(path, context, File.ReadAllBytes);

    private static T Read<T>(string path, CliContext context, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (FileNotFoundException)
        {
            throw new CliException(context.Text.Get("FileNotFound", path));
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliException(context.Text.Get("FileNotFound", path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(context.Text.Get("FileUnreadable", path, exception.Message));
        }
    }
}
