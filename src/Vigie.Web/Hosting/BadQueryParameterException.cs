using Microsoft.AspNetCore.Http;

namespace Vigie.Web.Hosting;

/// <summary>
/// A page's query parameter that cannot be read (a number that is not one, a return address that leaves the site). A
/// Razor component has no result value to return to the pipeline, so it throws this, as ASP.NET does with its own
/// <see cref="BadHttpRequestException"/>; <see cref="VigieExceptionHandler"/> answers 400 with a page naming the parameter.
/// </summary>
public sealed class BadQueryParameterException : BadHttpRequestException
{
    public BadQueryParameterException(string parameter)
        : base($"The query parameter '{parameter}' is not valid.", StatusCodes.Status400BadRequest) => Parameter = parameter;

    public BadQueryParameterException()
        : this("?")
    {
    }

    public BadQueryParameterException(string message, Exception innerException)
        : base(message, StatusCodes.Status400BadRequest, innerException) => Parameter = "?";

    public string Parameter { get; }
}
