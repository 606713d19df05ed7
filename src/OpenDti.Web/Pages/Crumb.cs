namespace OpenDti.Web.Pages;

/// <summary>
/// A step of a page's breadcrumb between "Trang chủ" and the page itself. A page sets
/// <c>ViewData["Crumbs"]</c> to its steps; the layout writes Trang chủ › steps › the page's title.
/// </summary>
/// <param name="Label">What the step says.</param>
/// <param name="Href">Where it leads.</param>
public sealed record Crumb(string Label, string Href);
