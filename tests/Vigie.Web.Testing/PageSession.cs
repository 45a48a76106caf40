using System.Net;
using System.Text.RegularExpressions;

namespace Vigie.Web.Testing;

/// <summary>
/// A browser-less session on the pages: cookies, antiforgery tokens, and Blazor static-rendering forms
/// (posted with their <c>_handler</c> form name), so page tests run without Chromium.
/// </summary>
public sealed partial class PageSession : IDisposable
{
    private readonly HttpClient _client;

    public PageSession(Uri address)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _client;

    public async Task<string> GetAsync(string path)
    {
        var response = await _client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="path"/>, then posts the named form with its antiforgery token and the given fields.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string path, string formName, IDictionary<string, string> fields) =>
        SubmitAsync(path, formName, fields, path);

    /// <summary>
    /// Loads <paramref name="path"/>, then posts to <paramref name="action"/> (a plain form's endpoint, /logout...) with the page's
    /// antiforgery token, the fields and, when given, the Blazor form name.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string? formName, IDictionary<string, string> fields, string action)
    {
        var page = await GetAsync(path);
        return await PostFormAsync(action, formName, fields, TokenFrom(page) ?? throw new InvalidOperationException($"No antiforgery token on {path}."));
    }

    /// <summary>Posts a form with an antiforgery token taken earlier (null: none at all).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string action, string? formName, IDictionary<string, string> fields, string? token)
    {
        var values = new Dictionary<string, string>(fields);
        if (formName is not null)
        {
            values["_handler"] = formName;
        }

        if (token is not null)
        {
            values["__RequestVerificationToken"] = token;
        }

        return _client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>The antiforgery token of a page's first form, or null.</summary>
    public static string? TokenFrom(string html)
    {
        var token = AntiforgeryToken().Match(html);
        return token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null;
    }

    /// <summary>Like <see cref="SubmitAsync"/>, as multipart/form-data with files (field, file name, bytes, declared type).</summary>
    public async Task<HttpResponseMessage> SubmitWithFilesAsync(string path, string formName, IDictionary<string, string> fields,
        IEnumerable<(string Field, string FileName, byte[] Bytes, string ContentType)> files)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(files);
        var page = await GetAsync(path);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {path}.");
        }

        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) })
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, bytes, contentType) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            content.Add(part, field, fileName);
        }

        return await _client.PostAsync(path, content);
    }

    public async Task<HttpResponseMessage> LoginAsync(string name, string password = "correct horse battery staple") =>
        await SubmitAsync("/login", "login", new Dictionary<string, string> { ["Form.Name"] = name, ["Form.Password"] = password });

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
