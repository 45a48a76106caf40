using System.Xml.Linq;
using Vigie.Testing;
using YamlDotNet.RepresentationModel;

namespace Vigie.Web.Tests.Typography;

/// <summary>
/// Every French text shipped with Vigie follows French typography (<see cref="FrenchTypography"/>): the neutral
/// resources of every feature (.resx) and the French fields of the data files (reflex checklists, deadlines and their
/// draft letters). The English resources keep English punctuation.
/// </summary>
public sealed class FrenchTypographyTests
{
    // The French fields of the YAML data files; their English twins end in _en.
    private static readonly HashSet<string> s_frenchYamlKeys = ["name", "description", "title", "text", "hint", "label", "help", "authority", "legal_basis", "form", "draft"];

    [Fact]
    public void FrenchResources_FollowFrenchTypography()
    {
        var files = ResourceFiles().Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        var mistakes = new List<string>();
        foreach (var file in files)
        {
            foreach (var (name, value) in Values(file))
            {
                mistakes.AddRange(FrenchTypography.Mistakes(value).Select(m => $"{Path.GetFileName(file)} {name}: {m}"));
            }
        }

        Assert.True(mistakes.Count == 0, string.Join("\n", mistakes));
    }

    [Fact]
    public void EnglishResources_KeepEnglishPunctuation()
    {
        var mistakes = new List<string>();
        foreach (var file in ResourceFiles().Where(f => f.EndsWith(".en.resx", StringComparison.Ordinal)))
        {
            foreach (var (name, value) in Values(file))
            {
                mistakes.AddRange(FrenchTypography.EnglishMistakes(value).Select(m => $"{Path.GetFileName(file)} {name}: {m}"));
            }
        }

        Assert.True(mistakes.Count == 0, string.Join("\n", mistakes));
    }

    [Fact]
    public void FrenchFieldsOfTheDataFiles_FollowFrenchTypography()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f)).ToList();
        Assert.NotEmpty(files);
        var mistakes = new List<string>();
        var checkedFields = 0;
        foreach (var file in files)
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                yaml.Load(reader);
            }

            foreach (var document in yaml.Documents)
            {
                Walk(document.RootNode, (key, value) =>
                {
                    checkedFields++;
                    mistakes.AddRange(FrenchTypography.Mistakes(value).Select(m => $"{Path.GetFileName(file)} {key}: {m}"));
                });
            }
        }

        Assert.True(checkedFields > 50, $"only {checkedFields} French fields found: the walk missed the data files' shape");
        Assert.True(mistakes.Count == 0, string.Join("\n", mistakes));
    }

    [Theory]
    [InlineData("Motif : fermé", 1)]
    [InlineData("Motif: fermé", 1)]
    [InlineData("Motif\u202F: fermé ; «\u202Fautre\u202F»", 1)]
    [InlineData("« autre »", 2)]
    [InlineData("7.4 km", 1)]
    [InlineData("1,218 détections", 1)]
    [InlineData("Motif\u00A0: fermé", 1)]
    [InlineData("Motif\u202F: fermé à 20:00, 7,4 km, 1\u202F218 détections, {0:N0}, https://x.fr/a?b=c", 0)]
    public void Checker_FindsTheMistakesItIsFor(string text, int expected) =>
        Assert.Equal(expected, FrenchTypography.Mistakes(text).Count);

    private static void Walk(YamlNode node, Action<string, string> french)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text } && s_frenchYamlKeys.Contains(name))
                    {
                        french(name, text);
                    }
                    else
                    {
                        Walk(value, french);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    Walk(child, french);
                }

                break;
        }
    }

    private static IEnumerable<string> ResourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.resx", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f));

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static IEnumerable<(string Name, string Value)> Values(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .Select(d => (d.Attribute("name")!.Value, d.Element("value")?.Value ?? ""));
}
