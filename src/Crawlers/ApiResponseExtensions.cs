using System.Text.Json;
using Crawler.Abstractions.Http;

namespace Crawlers;

/// <summary>Reading API answers that may not be what the API documents (an error page, a cut-short body).</summary>
internal static class ApiResponseExtensions
{
    /// <summary>The body as <typeparamref name="T"/>; null, with the parser's reason in <paramref name="problem"/>, when it is not that JSON.</summary>
    public static T? TryReadJson<T>(this Response response, out string? problem) where T : class
    {
        try
        {
            problem = null;
            return response.ReadJson<T>() ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <summary>The start of the body, for a log line about an error answer.</summary>
    public static string BodySnippet(this Response response, int length = 200) =>
        response.Text.Length > length ? response.Text[..length] + "…" : response.Text;
}
