namespace OpenDti.Web.Pages;

/// <summary>
/// A day field (<c>Shared/_DateInput.cshtml</c>): a text box that reads and shows dd/MM/yyyy whatever the
/// browser's language, never the browser's own date picker (which follows its locale, mm/dd/yyyy in many).
/// <c>wwwroot/js/date-input.js</c> adds the slashes as a person types the digits. The server reads the
/// text with <c>AdminForm.TryParseDay</c> and answers a located message when it is not a day.
/// </summary>
/// <param name="Id">The element's id (its label's <c>for</c>).</param>
/// <param name="Name">The form field.</param>
/// <param name="Value">What it shows (dd/MM/yyyy, or what was typed and refused).</param>
/// <param name="Required">Whether the form needs it.</param>
/// <param name="DescribedBy">The id of its help, if any.</param>
/// <param name="Label">A hidden label for a field inside a table row, if any.</param>
public sealed record DateInput(string Id, string Name, string? Value, bool Required = false, string? DescribedBy = null, string? Label = null);
