using System.Buffers.Binary;

namespace OpenDti.Application.Evidence.Inspection;

/// <summary>
/// A legacy Word (.doc) or Excel (.xls) document: a well-formed compound file whose root holds the
/// <c>WordDocument</c> stream (starting with Word's FIB identifier) or the <c>Workbook</c> / <c>Book</c>
/// stream (starting with a BIFF BOF record), and no macro storage (<c>Macros</c>, <c>_VBA_PROJECT_CUR</c>,
/// <c>VBA</c>). Excel 4.0 macro sheets inside the workbook stream are not looked for.
/// </summary>
internal static class LegacyOffice
{
    /// <summary>The storages in which Word and Excel keep VBA projects.</summary>
    private static readonly string[] MacroStorages = ["Macros", "_VBA_PROJECT_CUR", "VBA"];

    /// <summary>What <paramref name="bytes"/>, which begin with the compound file's magic number, are.</summary>
    public static ContentInspection Inspect(byte[] bytes)
    {
        var file = CompoundFile.Read(bytes, out var problem);
        if (file is null)
        {
            return ContentInspection.Refused(null, new AppMessage("EvidenceOleDamaged", new AppMessage(problem!)));
        }

        var word = file.RootStream("WordDocument");
        var workbook = file.RootStream("Workbook") ?? file.RootStream("Book");
        var type = word is not null ? EvidenceFileType.Doc : workbook is not null ? EvidenceFileType.Xls : EvidenceFileType.LegacyOffice;
        if (MacroStorage(file) is { } macros)
        {
            return ContentInspection.Refused(type, new AppMessage("EvidenceOleMacros", macros.Path, new AppMessage(type.NameKey)));
        }

        if (word is not null)
        {
            // The File Information Block starts with wIdent: 0xA5EC for Word 97 and later, 0xA5DC for Word 6 and 95.
            var start = file.ReadStart(word, 2);
            if (start is not { Length: 2 } || BinaryPrimitives.ReadUInt16LittleEndian(start) is not (0xA5EC or 0xA5DC))
            {
                return ContentInspection.Refused(type, new AppMessage("EvidenceOleDamaged", new AppMessage("EvidenceOleWordStream")));
            }
        }
        else if (workbook is not null)
        {
            // A workbook stream is a sequence of BIFF records, the first a BOF (0x0809 in BIFF5 and BIFF8).
            var start = file.ReadStart(workbook, 2);
            if (start is not { Length: 2 } || BinaryPrimitives.ReadUInt16LittleEndian(start) is not (0x0809 or 0x0409 or 0x0209 or 0x0009))
            {
                return ContentInspection.Refused(type, new AppMessage("EvidenceOleDamaged", new AppMessage("EvidenceOleWorkbookStream")));
            }
        }

        return ContentInspection.Of(type);
    }

    /// <summary>The first storage of <paramref name="file"/> that holds macros, or null.</summary>
    public static CompoundEntry? MacroStorage(CompoundFile file) =>
        file.Entries.FirstOrDefault(e => e.IsStorage && MacroStorages.Contains(e.Name, StringComparer.OrdinalIgnoreCase));
}
