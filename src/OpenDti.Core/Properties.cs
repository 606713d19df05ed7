using System.Resources;

// The neutral resources (Text/Messages.resx) are Vietnamese, the interface's first language.
[assembly: NeutralResourcesLanguage("vi")]
