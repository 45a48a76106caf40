using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Vigie.Web.Testing;

/// <summary>
/// Which feature of an assembly uses which, read from the IL (signatures, method bodies, attributes, generic
/// arguments), so that a using directive that is not used does not count and a fully qualified name does.
/// A feature is the first namespace segment under the assembly's root (<c>Vigie.CommandPost.Continuity.Board</c> is
/// <c>Continuity</c>); compiler-generated and nested types count for the type that declares them.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(string root) => Root = root;

    public string Root { get; }

    /// <summary>Features and, for each feature it uses, one example: "Deadlines.DraftBuilder uses Reports.IReportContributor".</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Read(string assemblyPath, string rootNamespace)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var graph = new NamespaceGraph(rootNamespace);
        foreach (var type in module.GetTypes())
        {
            var from = graph.FeatureOf(Outermost(type));
            if (from is null)
            {
                continue;
            }

            graph._edges.TryAdd(from, new Dictionary<string, string>(StringComparer.Ordinal));
            foreach (var used in Uses(type))
            {
                if (used.Module != module)
                {
                    continue;
                }

                var outer = Outermost(used);
                var to = graph.FeatureOf(outer);
                if (to is not null && to != from)
                {
                    graph._edges[from].TryAdd(to, $"{Short(graph, Outermost(type))} uses {Short(graph, outer)}");
                }
            }
        }

        return graph;
    }

    /// <summary>The first cycle found, as "A -> B -> A" with the example of each step, or null.</summary>
    public string? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var path = new List<string>();
        foreach (var start in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        string? Visit(string node)
        {
            if (state.TryGetValue(node, out var s))
            {
                if (s == 2)
                {
                    return null;
                }

                var loop = path.Skip(path.IndexOf(node)).Append(node).ToList();
                var steps = loop.Zip(loop.Skip(1), (a, b) => _edges[a][b]);
                return $"{string.Join(" -> ", loop)} ({string.Join("; ", steps)})";
            }

            state[node] = 1;
            path.Add(node);
            if (_edges.TryGetValue(node, out var next))
            {
                foreach (var to in next.Keys.Order(StringComparer.Ordinal))
                {
                    if (Visit(to) is { } cycle)
                    {
                        return cycle;
                    }
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    /// <summary>Where a foundation (one of <paramref name="foundations"/>) uses a feature that is not a foundation.</summary>
    public IReadOnlyList<string> FoundationsUsingFeatures(params string[] foundations) =>
        [.. _edges.Where(e => foundations.Contains(e.Key))
            .SelectMany(e => e.Value.Where(u => !foundations.Contains(u.Key)).Select(u => $"{e.Key} -> {u.Key} ({u.Value})"))
            .Order(StringComparer.Ordinal)];

    private string? FeatureOf(TypeReference type)
    {
        var ns = type.Namespace;
        if (ns == Root)
        {
            return "(root)";
        }

        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null; // <Module>, compiler-generated attributes, resources...
        }

        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string Short(NamespaceGraph graph, TypeReference type) =>
        type.Namespace == graph.Root ? type.Name : $"{type.Namespace[(graph.Root.Length + 1)..]}.{type.Name}";

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType g:
                    Add(g.ElementType);
                    foreach (var a in g.GenericArguments)
                    {
                        Add(a);
                    }

                    return;
                case TypeSpecification s:
                    Add(s.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }

        void AddMethod(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters)
            {
                Add(p.ParameterType);
            }

            if (m is GenericInstanceMethod gm)
            {
                foreach (var a in gm.GenericArguments)
                {
                    Add(a);
                }
            }
        }

        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (argument.Value is TypeReference t)
                    {
                        Add(t);
                    }
                }
            }
        }

        Add(type.BaseType);
        AddAttributes(type);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType);
        }

        foreach (var g in type.GenericParameters)
        {
            foreach (var c in g.Constraints)
            {
                Add(c.ConstraintType);
            }
        }

        foreach (var f in type.Fields)
        {
            Add(f.FieldType);
            AddAttributes(f);
        }

        foreach (var p in type.Properties)
        {
            Add(p.PropertyType);
            AddAttributes(p);
        }

        foreach (var e in type.Events)
        {
            Add(e.EventType);
        }

        foreach (var m in type.Methods)
        {
            AddMethod(m);
            AddAttributes(m);
            if (!m.HasBody)
            {
                continue;
            }

            foreach (var v in m.Body.Variables)
            {
                Add(v.VariableType);
            }

            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference r:
                        AddMethod(r);
                        break;
                    case FieldReference f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                }
            }
        }

        return found;
    }
}
