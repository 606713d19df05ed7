using System.Xml;

namespace OpenDti.Application.Evidence.Inspection;

/// <summary>
/// An Office Open XML file (.docx, .xlsx, .pptx) opened as the ZIP package it is:
/// <list type="number">
/// <item>its kind is its main part (<c>word/document.xml</c>, <c>xl/workbook.xml</c>, <c>ppt/presentation.xml</c>)
/// next to <c>[Content_Types].xml</c>; a ZIP without them is not an Office document;</item>
/// <item>every part is unpacked within the limits of <see cref="EvidenceOptions"/> (parts, bytes, ratios), and
/// must hold the size it declares;</item>
/// <item>nothing may carry macros or ActiveX: no <c>vbaProject.bin</c> or <c>vbaData.xml</c>, no content type
/// that is macro-enabled or a VBA project, no <c>activeX</c> part, no embedded object holding a VBA project;</item>
/// <item>the main part's content type must be the document's, not a template's or a macro-enabled one.</item>
/// </list>
/// </summary>
internal static class OfficePackage
{
    /// <summary>The content types file every package holds.</summary>
    public const string ContentTypesPart = "[Content_Types].xml";

    /// <summary>The largest part read into memory to be parsed or looked into (the content types, an embedded object).</summary>
    private const long KeepLimit = 16 * 1024 * 1024;

    private static readonly (string MainPart, EvidenceFileType Type, string ContentType)[] Kinds =
    [
        ("word/document.xml", EvidenceFileType.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        ("xl/workbook.xml", EvidenceFileType.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        ("ppt/presentation.xml", EvidenceFileType.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
    ];

    /// <summary>What <paramref name="bytes"/>, which begin with a ZIP local header, are.</summary>
    public static ContentInspection Inspect(byte[] bytes, EvidenceOptions options)
    {
        var zip = ZipDirectory.Read(bytes);
        if (zip is null)
        {
            // Begins like a ZIP but its directory is unreadable: a damaged or disguised file.
            return ContentInspection.Unknown;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            if (!names.Add(entry.Name))
            {
                return ContentInspection.Refused(KindOf(zip) ?? EvidenceFileType.Zip, new AppMessage("EvidencePackageDuplicatePart", entry.Name));
            }
        }

        if (!names.Contains(ContentTypesPart))
        {
            return ContentInspection.Of(EvidenceFileType.Zip);
        }

        var kind = Kinds.FirstOrDefault(k => names.Contains(k.MainPart));
        var type = kind.Type ?? EvidenceFileType.OfficeOther;
        if (zip.Entries.Count > options.MaxPackageEntries)
        {
            return ContentInspection.Refused(type, new AppMessage("EvidencePackageTooManyParts", (decimal)zip.Entries.Count, (decimal)options.MaxPackageEntries));
        }

        // Named parts first: a macro is refused for what it is before anything is unpacked.
        foreach (var entry in zip.Entries)
        {
            if (PartRefusal(entry.Name, type) is { } refusal)
            {
                return ContentInspection.Refused(type, refusal);
            }
        }

        var budget = new UnpackBudget(options, bytes.Length);
        byte[]? contentTypes = null;
        var embedded = new List<(string Name, byte[] Bytes)>();
        foreach (var entry in zip.Entries)
        {
            var isContentTypes = string.Equals(entry.Name, ContentTypesPart, StringComparison.OrdinalIgnoreCase);
            var isEmbedded = entry.Name.Contains("/embeddings/", StringComparison.OrdinalIgnoreCase);
            using var keep = isContentTypes || isEmbedded ? new MemoryStream() : null;
            if (zip.Unpack(entry, budget, keep, KeepLimit) is { } refusal)
            {
                return ContentInspection.Refused(type, refusal);
            }

            if (isContentTypes)
            {
                contentTypes = keep!.ToArray();
            }
            else if (isEmbedded)
            {
                embedded.Add((entry.Name, keep!.ToArray()));
            }
        }

        var declared = ReadContentTypes(contentTypes!);
        if (declared is null)
        {
            return ContentInspection.Refused(type, new AppMessage("EvidencePackageDamaged", ContentTypesPart));
        }

        var (defaults, overrides) = declared.Value;
        foreach (var (part, contentType) in overrides.Concat(defaults.Select(d => (ContentTypesPart, d.Value))))
        {
            if (IsMacroType(contentType))
            {
                return ContentInspection.Refused(type, new AppMessage("EvidencePackageMacro", part.TrimStart('/'), new AppMessage(type.NameKey)));
            }

            if (contentType.Contains("activeX", StringComparison.OrdinalIgnoreCase))
            {
                return ContentInspection.Refused(type, new AppMessage("EvidencePackageActiveX", part.TrimStart('/')));
            }
        }

        foreach (var (name, content) in embedded)
        {
            if (EmbeddedRefusal(name, content) is { } refusal)
            {
                return ContentInspection.Refused(type, refusal);
            }
        }

        if (kind.Type is null)
        {
            return ContentInspection.Of(type);
        }

        var mainType = overrides.FirstOrDefault(o => string.Equals(o.Part.TrimStart('/'), kind.MainPart, StringComparison.OrdinalIgnoreCase)).ContentType
            ?? defaults.GetValueOrDefault("xml");
        return string.Equals(mainType, kind.ContentType, StringComparison.OrdinalIgnoreCase)
            ? ContentInspection.Of(type)
            : ContentInspection.Refused(type, new AppMessage("EvidencePackageMainType", kind.MainPart, mainType ?? "—", new AppMessage(type.NameKey)));
    }

    /// <summary>The kind of package <paramref name="zip"/> is by its main part, or null.</summary>
    private static EvidenceFileType? KindOf(ZipDirectory zip) =>
        Kinds.FirstOrDefault(k => zip.Entries.Any(e => string.Equals(e.Name, k.MainPart, StringComparison.OrdinalIgnoreCase))).Type;

    /// <summary>Why a part named <paramref name="name"/> is refused whatever it holds, or null.</summary>
    private static AppMessage? PartRefusal(string name, EvidenceFileType type)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        if (file.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || file.Equals("vbaData.xml", StringComparison.OrdinalIgnoreCase)
            || file.Equals("vbaProjectSignature.bin", StringComparison.OrdinalIgnoreCase))
        {
            return new AppMessage("EvidencePackageMacro", name, new AppMessage(type.NameKey));
        }

        return name.StartsWith("activeX/", StringComparison.OrdinalIgnoreCase) || name.Contains("/activeX/", StringComparison.OrdinalIgnoreCase)
            ? new AppMessage("EvidencePackageActiveX", name)
            : null;
    }

    /// <summary>Whether <paramref name="contentType"/> is a macro-enabled document or a VBA project.</summary>
    private static bool IsMacroType(string contentType) =>
        contentType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("vbaData", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why an embedded object is refused: an OLE object (a .doc, an .xls, a package of another program)
    /// with a macro storage, or an Office package holding a VBA project; or one that cannot be read.
    /// </summary>
    private static AppMessage? EmbeddedRefusal(string name, byte[] content)
    {
        if (content.AsSpan().StartsWith(CompoundFile.Magic))
        {
            var file = CompoundFile.Read(content, out _);
            if (file is null)
            {
                return new AppMessage("EvidencePackageEmbeddedUnreadable", name);
            }

            return LegacyOffice.MacroStorage(file) is { } macros ? new AppMessage("EvidencePackageEmbeddedMacro", name, macros.Path) : null;
        }

        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            var inner = ZipDirectory.Read(content);
            if (inner is null)
            {
                return new AppMessage("EvidencePackageEmbeddedUnreadable", name);
            }

            var macro = inner.Entries.FirstOrDefault(e => PartRefusal(e.Name, EvidenceFileType.Docx) is not null);
            return macro is null ? null : new AppMessage("EvidencePackageEmbeddedMacro", name, macro.Name);
        }

        return null;
    }

    /// <summary>
    /// The defaults (extension → content type) and overrides (part → content type) of
    /// <c>[Content_Types].xml</c>; null when it is not well-formed XML. No DTD is processed and nothing
    /// outside the file is resolved.
    /// </summary>
    private static (Dictionary<string, string> Defaults, List<(string Part, string ContentType)> Overrides)? ReadContentTypes(byte[] xml)
    {
        var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var overrides = new List<(string, string)>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = KeepLimit,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { } extension)
                {
                    defaults[extension] = reader.GetAttribute("ContentType") ?? string.Empty;
                }
                else if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } part)
                {
                    overrides.Add((part, reader.GetAttribute("ContentType") ?? string.Empty));
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }

        return (defaults, overrides);
    }
}
