using Microsoft.AspNetCore.Mvc.Filters;

namespace OpenDti.Web.Security;

/// <summary>
/// Holds a page's multipart form to the same limit per field as a url-encoded one
/// (<see cref="Startup.PagesSetup.FormValueLimit"/>): the framework checks the length of url-encoded values
/// only. A post with a longer field is refused whole before its handler runs, and nothing of it is written
/// back into a page.
/// </summary>
internal sealed class FormValueLimit : IAsyncPageFilter
{
    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (InvalidDataException unreadable)
            {
                // Over a limit the framework does check, or not form encoding at all (a NUL, a broken escape).
                throw new BadHttpRequestException("The form cannot be read.", StatusCodes.Status400BadRequest, unreadable);
            }

            if (form.Any(field => field.Value.Any(v => v?.Length > Startup.PagesSetup.FormValueLimit)))
            {
                throw new BadHttpRequestException("A form field is longer than a page takes.", StatusCodes.Status400BadRequest);
            }
        }

        await next();
    }
}
