using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.NamingConventions;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>Writes a <see cref="ScenarioDocument"/> as YAML that <see cref="ScenarioYamlReader"/> reads back: snake_case keys, nulls left out, multi-line texts as literal blocks.</summary>
public static class ScenarioYamlWriter
{
    private static readonly ISerializer s_writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithEventEmitter(next => new LiteralBlocks(next))
        .Build();

    public static string Write(ScenarioDocument document, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var yaml = s_writer.Serialize(document);
        return comment is null ? yaml : string.Join('\n', comment.Split('\n').Select(l => "# " + l)) + "\n" + yaml;
    }

    /// <summary>Texts with line breaks as <c>|</c> blocks, so a scenario stays readable and editable by hand.</summary>
    private sealed class LiteralBlocks(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text && text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\t', StringComparison.Ordinal) &&
                !text.Split('\n').Any(l => l.EndsWith(' ')))
            {
                eventInfo.Style = ScalarStyle.Literal;
            }

            base.Emit(eventInfo, emitter);
        }
    }
}
