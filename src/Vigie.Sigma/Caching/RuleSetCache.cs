using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Vigie.Sigma.Correlation;
using Vigie.Sigma.Detection;
using Vigie.Sigma.Engine;
using Vigie.Sigma.Prefilter;

namespace Vigie.Sigma.Caching;

/// <summary>
/// Compiled rule sets kept between runs. The key is a SHA-256 of the cache format, the engine's build (its
/// module version id), the options and every input (path and full text, or why it could not be read), so a
/// changed rule, option or Vigie compiles afresh. The file holds the compiled form: rules and their metadata,
/// rejections, field names, each variant's tree of nodes and matchers (shared matchers once), correlations, and
/// every bucket's prefilter with its automata (built for the cache in parallel, about 0.2 s of CPU a hunt would
/// otherwise spend as events reach the buckets). What is not kept (regular expressions, the matchers' multi-string
/// searches) is built on first use. A file that cannot be read is ignored: the rules are compiled again.
/// </summary>
internal static class RuleSetCache
{
    private const int FormatVersion = 2;
    private const int KeptFiles = 8;
    private static readonly byte[] s_magic = "VIGIE-RULES\0"u8.ToArray();

    public static string Key(string optionsFingerprint, IReadOnlyList<SigmaRuleSetBuilder.RuleInput> inputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        Add(FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(typeof(RuleSetCache).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add(BitConverter.IsLittleEndian ? "little-endian" : "big-endian"); // the automata's arrays are kept as they are in memory
        Add(optionsFingerprint);
        foreach (var input in inputs)
        {
            Add(input.Source);
            if (input.Bytes is { } bytes)
            {
                hash.AppendData(bytes);
                hash.AppendData([0]);
            }
            else
            {
                Add(input.Text ?? "\u0001" + input.Rejection!.Reason);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public static string PathFor(string directory, string key) => Path.Combine(directory, key + ".rules");

    public static SigmaRuleSet? TryLoad(string path, SigmaEngineOptions options)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var set = new Reader(reader, options.UsePrefilter).Read();
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow); // most recently used: kept by the pruning
            return set;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException
            or ArgumentException or FormatException or IndexOutOfRangeException or InvalidCastException or OverflowException)
        {
            return null; // absent, unreadable or from an incompatible build: compile afresh
        }
    }

    public static void TrySave(string path, SigmaRuleSet set)
    {
        // Every bucket's prefilter, so that the cache keeps them (those the hunt reaches are built here, not later).
        Parallel.ForEach(set.Index.Buckets, bucket => _ = bucket.Prefilter);
        var temp = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                new Writer(writer).Write(set);
            }

            File.Move(temp, path, overwrite: true);
            Prune(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // No cache this time (read-only or full disk): the rules were compiled, the hunt goes on.
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // nothing more to do
            }
        }
    }

    private static void Prune(string directory)
    {
        var files = new DirectoryInfo(directory).GetFiles("*.rules").OrderByDescending(f => f.LastWriteTimeUtc).Skip(KeptFiles);
        foreach (var file in files)
        {
            file.Delete();
        }
    }

    private enum NodeTag : byte
    {
        And,
        Or,
        Not,
        AtLeast,
        True,
        False,
        Field,
        FieldRef,
        Exists,
        Keyword,
    }

    private enum MatcherTag : byte
    {
        String,
        Glob,
        EqualsSet,
        ContainsAny,
        SuffixSet,
        Regex,
        Cidr,
        Compare,
        TimePart,
    }

    private sealed class Writer(BinaryWriter writer)
    {
        private readonly Dictionary<ValueMatcher, int> _matchers = new(ReferenceEqualityComparer.Instance);
        private readonly List<ValueMatcher> _matcherList = [];

        public void Write(SigmaRuleSet set)
        {
            // Matchers first (shared ones once), gathered from every tree.
            foreach (var variant in set.Variants)
            {
                Gather(variant.Root);
            }

            writer.Write(s_magic);
            writer.Write(FormatVersion);
            writer.Write(set.FieldTable.Fields.Count);
            foreach (var field in set.FieldTable.Fields)
            {
                writer.Write(field.Name);
            }

            writer.Write(set.Rules.Count);
            foreach (var rule in set.Rules)
            {
                WriteRule(rule);
            }

            writer.Write(set.Rejections.Count);
            foreach (var rejection in set.Rejections)
            {
                writer.Write(rejection.Source);
                WriteNullable(rejection.RuleId);
                WriteNullable(rejection.Title);
                writer.Write(rejection.Reason);
            }

            var targets = new Dictionary<LogsourceTarget, int>(ReferenceEqualityComparer.Instance);
            foreach (var variant in set.Variants)
            {
                if (variant.Target is { } target && !targets.ContainsKey(target))
                {
                    targets[target] = targets.Count;
                }
            }

            writer.Write(targets.Count);
            foreach (var target in targets.Keys)
            {
                writer.Write(target.Name);
                WriteStrings(target.Channels);
                WriteInts(target.EventIds);
            }

            writer.Write(_matcherList.Count);
            foreach (var matcher in _matcherList)
            {
                WriteMatcher(matcher);
            }

            writer.Write(set.Variants.Count);
            foreach (var variant in set.Variants)
            {
                writer.Write(variant.Rule.Index);
                writer.Write(variant.Target is { } target ? targets[target] : -1);
                writer.Write(variant.EventIds is not null);
                if (variant.EventIds is { } ids)
                {
                    WriteInts(ids);
                }

                WriteNode(variant.Root);
            }

            writer.Write(set.CorrelationRules.Count);
            foreach (var correlation in set.CorrelationRules)
            {
                writer.Write(correlation.Rule.Index);
                writer.Write((int)correlation.Type);
                writer.Write(correlation.Inputs.Count);
                foreach (var input in correlation.Inputs)
                {
                    writer.Write(input.Rule.Index);
                    writer.Write(input.GroupFields.Count);
                    foreach (var field in input.GroupFields)
                    {
                        writer.Write(field.Id);
                    }

                    writer.Write(input.ValueField?.Id ?? -1);
                }

                WriteStrings(correlation.GroupBy);
                writer.Write(correlation.Timespan.Ticks);
                writer.Write(correlation.Condition.Count);
                foreach (var (op, value) in correlation.Condition)
                {
                    writer.Write((int)op);
                    writer.Write(value);
                }

                writer.Write(correlation.Generate);
            }

            var variantIndex = new Dictionary<RuleVariant, int>(ReferenceEqualityComparer.Instance);
            foreach (var variant in set.Variants)
            {
                variantIndex[variant] = variantIndex.Count;
            }

            writer.Write(set.Index.Buckets.Count);
            foreach (var bucket in set.Index.Buckets)
            {
                writer.Write(bucket.Variants.Length);
                foreach (var variant in bucket.Variants)
                {
                    writer.Write(variantIndex[variant]);
                }

                var prefilter = bucket.Prefilter;
                writer.Write(prefilter is not null);
                prefilter?.Write(writer);
            }
        }

        private void Gather(Node node)
        {
            switch (node)
            {
                case AndNode n:
                    Array.ForEach(n.Children, Gather);
                    break;
                case OrNode n:
                    Array.ForEach(n.Children, Gather);
                    break;
                case AtLeastNode n:
                    Array.ForEach(n.Children, Gather);
                    break;
                case NotNode n:
                    Gather(n.Child);
                    break;
                case FieldNode n:
                    Array.ForEach(n.Matchers, Add);
                    break;
                case KeywordNode n:
                    Array.ForEach(n.Matchers, Add);
                    break;
                default:
                    break;
            }

            void Add(ValueMatcher matcher)
            {
                if (_matchers.TryAdd(matcher, _matcherList.Count))
                {
                    _matcherList.Add(matcher);
                }
            }
        }

        private void WriteRule(SigmaRule rule)
        {
            writer.Write((int)rule.Kind);
            writer.Write(rule.Source);
            WriteNullable(rule.Id);
            WriteNullable(rule.Name);
            writer.Write(rule.Title);
            WriteNullable(rule.Status);
            WriteNullable(rule.Level);
            WriteNullable(rule.Description);
            WriteNullable(rule.Author);
            WriteNullable(rule.Date);
            WriteNullable(rule.Modified);
            WriteNullable(rule.License);
            WriteStrings(rule.Tags);
            WriteStrings(rule.References);
            WriteStrings(rule.FalsePositives);
            WriteStrings(rule.Fields);
            writer.Write(rule.Related.Count);
            foreach (var related in rule.Related)
            {
                writer.Write(related.Id);
                writer.Write(related.Type);
            }

            WriteNullable(rule.Logsource.Product);
            WriteNullable(rule.Logsource.Category);
            WriteNullable(rule.Logsource.Service);
            WriteNullable(rule.Logsource.Definition);
            WriteNullable(rule.RegressionTestsPath);
            writer.Write(rule.Standalone);
        }

        private void WriteMatcher(ValueMatcher matcher)
        {
            switch (matcher)
            {
                case StringMatcher m:
                    writer.Write((byte)MatcherTag.String);
                    writer.Write((int)m.Kind);
                    writer.Write(m.Text);
                    writer.Write(m.Cased);
                    break;
                case GlobMatcher m:
                    writer.Write((byte)MatcherTag.Glob);
                    writer.Write(m.Pattern);
                    writer.Write(m.Cased);
                    break;
                case EqualsSetMatcher m:
                    writer.Write((byte)MatcherTag.EqualsSet);
                    WriteStrings([.. m.Values]);
                    writer.Write(m.Cased);
                    break;
                case ContainsAnyMatcher m:
                    writer.Write((byte)MatcherTag.ContainsAny);
                    WriteStrings(m.Values);
                    break;
                case SuffixSetMatcher m:
                    writer.Write((byte)MatcherTag.SuffixSet);
                    WriteStrings(m.Values);
                    break;
                case RegexMatcher m:
                    writer.Write((byte)MatcherTag.Regex);
                    writer.Write(m.Pattern);
                    writer.Write((int)m.Options);
                    writer.Write(m.Timeout.Ticks);
                    writer.Write(m.Backtracking);
                    break;
                case CidrMatcher m:
                    writer.Write((byte)MatcherTag.Cidr);
                    writer.Write(m.Text);
                    break;
                case CompareMatcher m:
                    writer.Write((byte)MatcherTag.Compare);
                    writer.Write((int)m.Operator);
                    writer.Write(m.Number);
                    break;
                case TimePartMatcher m:
                    writer.Write((byte)MatcherTag.TimePart);
                    writer.Write((int)m.Part);
                    writer.Write((int)m.Operator);
                    writer.Write(m.Number);
                    break;
                default:
                    throw new NotSupportedException($"no cache form for {matcher.GetType().Name}");
            }
        }

        private void WriteNode(Node node)
        {
            switch (node)
            {
                case AndNode n:
                    writer.Write((byte)NodeTag.And);
                    WriteChildren(n.Children);
                    break;
                case OrNode n:
                    writer.Write((byte)NodeTag.Or);
                    WriteChildren(n.Children);
                    break;
                case AtLeastNode n:
                    writer.Write((byte)NodeTag.AtLeast);
                    writer.Write(n.Count);
                    WriteChildren(n.Children);
                    break;
                case NotNode n:
                    writer.Write((byte)NodeTag.Not);
                    WriteNode(n.Child);
                    break;
                case ConstNode n:
                    writer.Write((byte)(n.Value ? NodeTag.True : NodeTag.False));
                    break;
                case FieldNode n:
                    writer.Write((byte)NodeTag.Field);
                    writer.Write(n.Field.Id);
                    WriteMatcherRefs(n.Matchers);
                    writer.Write(n.All);
                    writer.Write(n.MatchNull);
                    writer.Write(n.Negate);
                    break;
                case FieldRefNode n:
                    writer.Write((byte)NodeTag.FieldRef);
                    writer.Write(n.Field.Id);
                    writer.Write(n.Other.Id);
                    writer.Write((int)n.Kind);
                    writer.Write(n.Cased);
                    writer.Write(n.Negate);
                    break;
                case ExistsNode n:
                    writer.Write((byte)NodeTag.Exists);
                    writer.Write(n.Field.Id);
                    writer.Write(n.Expected);
                    break;
                case KeywordNode n:
                    writer.Write((byte)NodeTag.Keyword);
                    WriteMatcherRefs(n.Matchers);
                    writer.Write(n.All);
                    break;
                default:
                    throw new NotSupportedException($"no cache form for {node.GetType().Name}");
            }
        }

        private void WriteChildren(Node[] children)
        {
            writer.Write(children.Length);
            foreach (var child in children)
            {
                WriteNode(child);
            }
        }

        private void WriteMatcherRefs(ValueMatcher[] matchers)
        {
            writer.Write(matchers.Length);
            foreach (var matcher in matchers)
            {
                writer.Write(_matchers[matcher]);
            }
        }

        private void WriteNullable(string? text)
        {
            writer.Write(text is not null);
            if (text is not null)
            {
                writer.Write(text);
            }
        }

        private void WriteStrings(IReadOnlyList<string> texts)
        {
            writer.Write(texts.Count);
            foreach (var text in texts)
            {
                writer.Write(text);
            }
        }

        private void WriteInts(IReadOnlyList<int> values)
        {
            writer.Write(values.Count);
            foreach (var value in values)
            {
                writer.Write(value);
            }
        }
    }

    private sealed class Reader(BinaryReader reader, bool usePrefilter)
    {
        private SigmaField[] _fields = [];
        private ValueMatcher[] _matchers = [];

        public SigmaRuleSet Read()
        {
            if (!reader.ReadBytes(s_magic.Length).AsSpan().SequenceEqual(s_magic) || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException("not a rule cache of this version");
            }

            var fields = new FieldTable();
            var fieldCount = reader.ReadInt32();
            _fields = new SigmaField[fieldCount];
            for (var i = 0; i < fieldCount; i++)
            {
                _fields[i] = fields.GetOrAdd(reader.ReadString());
                if (_fields[i].Id != i)
                {
                    throw new InvalidDataException("field table out of order");
                }
            }

            var rules = new SigmaRule[reader.ReadInt32()];
            for (var i = 0; i < rules.Length; i++)
            {
                rules[i] = ReadRule(i);
            }

            var rejections = new SigmaRejection[reader.ReadInt32()];
            for (var i = 0; i < rejections.Length; i++)
            {
                rejections[i] = new SigmaRejection(reader.ReadString(), ReadNullable(), ReadNullable(), reader.ReadString());
            }

            var targets = new LogsourceTarget[reader.ReadInt32()];
            for (var i = 0; i < targets.Length; i++)
            {
                targets[i] = new LogsourceTarget { Name = reader.ReadString(), Channels = ReadStrings(), EventIds = ReadInts() };
            }

            _matchers = new ValueMatcher[reader.ReadInt32()];
            for (var i = 0; i < _matchers.Length; i++)
            {
                _matchers[i] = ReadMatcher();
            }

            var variants = new RuleVariant[reader.ReadInt32()];
            for (var i = 0; i < variants.Length; i++)
            {
                var rule = rules[reader.ReadInt32()];
                var target = reader.ReadInt32() is var t and >= 0 ? targets[t] : null;
                IReadOnlyList<int>? ids = reader.ReadBoolean() ? ReadInts() : null;
                variants[i] = new RuleVariant(rule, target, ReadNode(), ids);
            }

            var correlations = new CorrelationRule[reader.ReadInt32()];
            for (var i = 0; i < correlations.Length; i++)
            {
                var rule = rules[reader.ReadInt32()];
                var type = (CorrelationType)reader.ReadInt32();
                var inputs = new CorrelationInput[reader.ReadInt32()];
                for (var k = 0; k < inputs.Length; k++)
                {
                    var input = rules[reader.ReadInt32()];
                    var group = new SigmaField[reader.ReadInt32()];
                    for (var g = 0; g < group.Length; g++)
                    {
                        group[g] = _fields[reader.ReadInt32()];
                    }

                    var value = reader.ReadInt32();
                    inputs[k] = new CorrelationInput(input, group, value >= 0 ? _fields[value] : null);
                }

                var groupBy = ReadStrings();
                var timespan = TimeSpan.FromTicks(reader.ReadInt64());
                var condition = new (ComparisonOperator, double)[reader.ReadInt32()];
                for (var c = 0; c < condition.Length; c++)
                {
                    condition[c] = ((ComparisonOperator)reader.ReadInt32(), reader.ReadDouble());
                }

                correlations[i] = new CorrelationRule(rule, type, inputs, groupBy, timespan, condition, reader.ReadBoolean());
            }

            var index = new RuleIndex(variants, usePrefilter);
            ReadPrefilters(index, variants);
            return new SigmaRuleSet(rules, rejections, variants, fields, index, correlations, loadedFromCache: true);
        }

        /// <summary>Each bucket's prefilter, for the very variants the bucket was rebuilt with.</summary>
        private void ReadPrefilters(RuleIndex index, RuleVariant[] variants)
        {
            if (reader.ReadInt32() != index.Buckets.Count)
            {
                throw new InvalidDataException("buckets of other rules in the cache");
            }

            foreach (var bucket in index.Buckets)
            {
                var members = bucket.Variants;
                if (reader.ReadInt32() != members.Length)
                {
                    throw new InvalidDataException("buckets of other rules in the cache");
                }

                foreach (var member in members)
                {
                    if (reader.ReadInt32() is var v && (v < 0 || v >= variants.Length || !ReferenceEquals(variants[v], member)))
                    {
                        throw new InvalidDataException("buckets of other rules in the cache");
                    }
                }

                var prefilter = reader.ReadBoolean() ? LiteralPrefilter.Read(reader, _fields, members.Length) : null;
                if (usePrefilter)
                {
                    bucket.Preset(prefilter);
                }
            }
        }

        private SigmaRule ReadRule(int index)
        {
            var kind = (SigmaRuleKind)reader.ReadInt32();
            var source = reader.ReadString();
            var rule = new SigmaRule(source, index, kind)
            {
                Id = ReadNullable(),
                Name = ReadNullable(),
                Title = reader.ReadString(),
                Status = ReadNullable(),
                Level = ReadNullable(),
                Description = ReadNullable(),
                Author = ReadNullable(),
                Date = ReadNullable(),
                Modified = ReadNullable(),
                License = ReadNullable(),
                Tags = ReadStrings(),
                References = ReadStrings(),
                FalsePositives = ReadStrings(),
                Fields = ReadStrings(),
                Related = ReadRelated(),
                Logsource = new SigmaLogsource(ReadNullable(), ReadNullable(), ReadNullable(), ReadNullable()),
                RegressionTestsPath = ReadNullable(),
            };
            rule.Standalone = reader.ReadBoolean();
            return rule;
        }

        private SigmaRelated[] ReadRelated()
        {
            var related = new SigmaRelated[reader.ReadInt32()];
            for (var i = 0; i < related.Length; i++)
            {
                related[i] = new SigmaRelated(reader.ReadString(), reader.ReadString());
            }

            return related;
        }

        private ValueMatcher ReadMatcher() => (MatcherTag)reader.ReadByte() switch
        {
            MatcherTag.String => new StringMatcher((StringMatchKind)reader.ReadInt32(), reader.ReadString(), reader.ReadBoolean()),
            MatcherTag.Glob => new GlobMatcher(reader.ReadString(), reader.ReadBoolean()),
            MatcherTag.EqualsSet => new EqualsSetMatcher(ReadStrings(), reader.ReadBoolean()),
            MatcherTag.ContainsAny => new ContainsAnyMatcher(ReadStrings()),
            MatcherTag.SuffixSet => new SuffixSetMatcher(ReadStrings()),
            MatcherTag.Regex => new RegexMatcher(reader.ReadString(), (RegexOptions)reader.ReadInt32(), TimeSpan.FromTicks(reader.ReadInt64()), reader.ReadBoolean()),
            MatcherTag.Cidr => CidrMatcher.TryCreate(reader.ReadString()) ?? throw new InvalidDataException("bad network in the cache"),
            MatcherTag.Compare => new CompareMatcher((ComparisonOperator)reader.ReadInt32(), reader.ReadDouble()),
            MatcherTag.TimePart => new TimePartMatcher((TimePart)reader.ReadInt32(), (ComparisonOperator)reader.ReadInt32(), reader.ReadDouble()),
            _ => throw new InvalidDataException("unknown matcher in the cache"),
        };

        private Node ReadNode() => (NodeTag)reader.ReadByte() switch
        {
            NodeTag.And => new AndNode(ReadChildren()),
            NodeTag.Or => new OrNode(ReadChildren()),
            NodeTag.AtLeast => ReadAtLeast(),
            NodeTag.Not => new NotNode(ReadNode()),
            NodeTag.True => ConstNode.True,
            NodeTag.False => ConstNode.False,
            NodeTag.Field => new FieldNode(_fields[reader.ReadInt32()], ReadMatcherRefs(), reader.ReadBoolean(), reader.ReadBoolean(), reader.ReadBoolean()),
            NodeTag.FieldRef => new FieldRefNode(_fields[reader.ReadInt32()], _fields[reader.ReadInt32()], (StringMatchKind)reader.ReadInt32(), reader.ReadBoolean(), reader.ReadBoolean()),
            NodeTag.Exists => new ExistsNode(_fields[reader.ReadInt32()], reader.ReadBoolean()),
            NodeTag.Keyword => new KeywordNode(ReadMatcherRefs(), reader.ReadBoolean()),
            _ => throw new InvalidDataException("unknown node in the cache"),
        };

        private AtLeastNode ReadAtLeast()
        {
            var count = reader.ReadInt32();
            return new AtLeastNode(ReadChildren(), count);
        }

        private Node[] ReadChildren()
        {
            var children = new Node[reader.ReadInt32()];
            for (var i = 0; i < children.Length; i++)
            {
                children[i] = ReadNode();
            }

            return children;
        }

        private ValueMatcher[] ReadMatcherRefs()
        {
            var matchers = new ValueMatcher[reader.ReadInt32()];
            for (var i = 0; i < matchers.Length; i++)
            {
                matchers[i] = _matchers[reader.ReadInt32()];
            }

            return matchers;
        }

        private string? ReadNullable() => reader.ReadBoolean() ? reader.ReadString() : null;

        private string[] ReadStrings()
        {
            var texts = new string[reader.ReadInt32()];
            for (var i = 0; i < texts.Length; i++)
            {
                texts[i] = reader.ReadString();
            }

            return texts;
        }

        private int[] ReadInts()
        {
            var values = new int[reader.ReadInt32()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadInt32();
            }

            return values;
        }
    }
}
