using Vigie.CommandPost.Common;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Vigie.CommandPost.Common;

/// <summary>Reads the editable data files (deadlines, reflex checklists): snake_case keys, unknown keys refused, errors with line and column.</summary>
internal static class YamlData
{
    private static readonly IDeserializer s_reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static Result<T> Read<T>(string text, string origin)
        where T : class, new()
    {
        try
        {
            return s_reader.Deserialize<T>(text) ?? new T();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is { } i and not YamlException ? $": {i.Message}" : "";
            return Problem.Invalid("file", ProblemCode.YamlUnreadable, origin, e.Start.Line, e.Start.Column, FirstLine(e.Message) + inner);
        }
    }

    public static string ReadResource(string name)
    {
        using var stream = typeof(YamlData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The shipped data file '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf('\n', StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
