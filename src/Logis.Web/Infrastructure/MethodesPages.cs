using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Infrastructure;

/// <summary>
/// A method a page does not handle is a 405 with the <c>Allow</c> header, never the page rendered without its handler (whose
/// model was never loaded: a 500). Checked before the antiforgery check (a POST without token on a GET-only page is a 405 too);
/// a handler name the page does not have for that method is a 405 as well.
/// </summary>
public sealed class MethodesPages : IAsyncAuthorizationFilter, IAsyncPageFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery filter (order 1000).</summary>
    public int Order => -1000;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (context.ActionDescriptor is CompiledPageActionDescriptor page && !Lecture(context.HttpContext.Request.Method)
            && !page.HandlerMethods.Any(h => string.Equals(h.HttpMethod, context.HttpContext.Request.Method, StringComparison.OrdinalIgnoreCase)))
            context.Result = Refus(context.HttpContext, page);
        return Task.CompletedTask;
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && !Lecture(context.HttpContext.Request.Method))
        {
            context.Result = Refus(context.HttpContext, context.ActionDescriptor);
            return;
        }
        await next();
    }

    private static bool Lecture(string methode) => HttpMethods.IsGet(methode) || HttpMethods.IsHead(methode);

    private static StatusCodeResult Refus(HttpContext http, CompiledPageActionDescriptor page)
    {
        var methodes = page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Append("HEAD").Distinct(StringComparer.Ordinal);
        http.Response.Headers.Allow = string.Join(", ", methodes);
        return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }
}
