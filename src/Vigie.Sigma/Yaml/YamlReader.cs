using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Vigie.Sigma.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YNode"/> trees, one per document, with YamlDotNet's event parser.
/// The build is iterative and bounded (<see cref="YamlLimits"/>): deep nesting, alias bombs and huge
/// documents end in an error message, never in a stack overflow.
/// </summary>
internal static class YamlReader
{
    public static YamlReadResult ReadDocuments(string text, YamlLimits limits)
    {
        var documents = new List<YNode?>();
        var anchors = new Dictionary<string, (YNode Node, int Size)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        var nodes = 0;
        var lastLine = 1L;
        try
        {
            var parser = new Parser(new StringReader(text));
            YNode? root = null;
            while (parser.MoveNext())
            {
                var current = parser.Current;
                lastLine = current?.End.Line ?? lastLine;
                switch (current)
                {
                    case StreamStart or StreamEnd:
                        break;
                    case DocumentStart:
                        root = null;
                        anchors.Clear();
                        if (documents.Count >= limits.MaxDocuments)
                        {
                            return YamlReadResult.Fail($"more than {limits.MaxDocuments} YAML documents");
                        }

                        break;
                    case DocumentEnd:
                        documents.Add(root);
                        break;
                    case Scalar scalar:
                        {
                            var node = new YScalar(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty,
                                Line(scalar));
                            if (!Count(ref nodes, 1, limits, out var error) || !Attach(node, 1, stack, ref root, out error))
                            {
                                return YamlReadResult.Fail(error);
                            }

                            Remember(anchors, scalar.Anchor, node, 1);
                            break;
                        }

                    case SequenceStart start:
                        if (stack.Count >= limits.MaxDepth)
                        {
                            return YamlReadResult.Fail($"YAML nested deeper than {limits.MaxDepth} levels (line {Line(start)})");
                        }

                        stack.Push(new Frame(new YSeq([], Line(start)), start.Anchor));
                        break;
                    case MappingStart start:
                        if (stack.Count >= limits.MaxDepth)
                        {
                            return YamlReadResult.Fail($"YAML nested deeper than {limits.MaxDepth} levels (line {Line(start)})");
                        }

                        stack.Push(new Frame(new YMap([], Line(start)), start.Anchor));
                        break;
                    case SequenceEnd or MappingEnd:
                        {
                            var frame = stack.Pop();
                            if (frame.Node is YMap && frame.PendingKey is not null)
                            {
                                return YamlReadResult.Fail($"mapping without a value for key '{frame.PendingKey}'");
                            }

                            if (!Count(ref nodes, 1, limits, out var error) ||
                                !Attach(frame.Node, frame.Size + 1, stack, ref root, out error))
                            {
                                return YamlReadResult.Fail(error);
                            }

                            Remember(anchors, frame.Anchor, frame.Node, frame.Size + 1);
                            break;
                        }

                    case AnchorAlias alias:
                        {
                            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            {
                                return YamlReadResult.Fail($"unknown YAML alias '*{alias.Value}' (line {Line(alias)})");
                            }

                            // An alias counts as a copy of what it points to: alias bombs hit the node limit.
                            if (!Count(ref nodes, target.Size, limits, out var error) ||
                                !Attach(target.Node, target.Size, stack, ref root, out error))
                            {
                                return YamlReadResult.Fail(error);
                            }

                            break;
                        }

                    default:
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            return YamlReadResult.Fail($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {FirstLine(ex.Message)}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet can fail this way on some malformed input: still a bad file, not a crash.
            return YamlReadResult.Fail($"invalid YAML after line {lastLine}: the document structure is broken ({FirstLine(ex.Message)})");
        }

        return new YamlReadResult(documents, null);
    }

    private static bool Count(ref int nodes, int size, YamlLimits limits, out string error)
    {
        nodes += size;
        if (nodes > limits.MaxNodes || nodes < 0)
        {
            error = $"YAML has more than {limits.MaxNodes} nodes (counting aliases as copies)";
            return false;
        }

        error = "";
        return true;
    }

    private static bool Attach(YNode node, int size, Stack<Frame> stack, ref YNode? root, out string error)
    {
        error = "";
        if (stack.Count == 0)
        {
            root = node;
            return true;
        }

        var parent = stack.Peek();
        parent.Size += size;
        switch (parent.Node)
        {
            case YSeq seq:
                seq.Items.Add(node);
                return true;
            case YMap map:
                if (parent.PendingKey is null)
                {
                    if (node is not YScalar key)
                    {
                        error = $"a mapping key must be a plain value (line {node.Line})";
                        return false;
                    }

                    parent.PendingKey = key.Value;
                    return true;
                }

                map.Entries.Add(new KeyValuePair<string, YNode>(parent.PendingKey, node));
                parent.PendingKey = null;
                return true;
            default:
                error = "unexpected YAML structure";
                return false;
        }
    }

    private static void Remember(Dictionary<string, (YNode, int)> anchors, AnchorName anchor, YNode node, int size)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = (node, size);
        }
    }

    private static int Line(ParsingEvent e) => (int)Math.Min(int.MaxValue, e.Start.Line);

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private sealed class Frame(YNode node, AnchorName anchor)
    {
        public YNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public string? PendingKey { get; set; }

        public int Size { get; set; }
    }
}

/// <summary>The documents of a YAML text, or why it could not be read.</summary>
internal sealed record YamlReadResult(List<YNode?> Documents, string? Error)
{
    public static YamlReadResult Fail(string error) => new([], error);
}
