using System.Diagnostics.CodeAnalysis;

namespace Vigie.Evtx;

/// <summary>
/// Raised inside the parser when bytes do not follow the format; always caught at the record or chunk
/// boundary and turned into an <see cref="EvtxProblem"/>. Never escapes the library.
/// </summary>
internal sealed class EvtxFormatException : Exception
{
    public EvtxFormatException()
    {
    }

    public EvtxFormatException(string message)
        : base(message)
    {
    }

    public EvtxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [DoesNotReturn]
    public static void Throw(string message) => throw new EvtxFormatException(message);

    [DoesNotReturn]
    public static T Throw<T>(string message) => throw new EvtxFormatException(message);
}
