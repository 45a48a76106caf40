namespace Vigie.Sigma;

/// <summary>
/// A loaded Sigma rule and its metadata, as written. Keep <see cref="Author"/> with any output that shows
/// the rule's matches (Detection Rule License).
/// </summary>
public sealed class SigmaRule
{
    internal SigmaRule(string source, int index, SigmaRuleKind kind)
    {
        Source = source;
        Index = index;
        Kind = kind;
    }

    /// <summary>Dense index of the rule in its rule set.</summary>
    public int Index { get; internal set; }

    /// <summary>Where the rule comes from: file path, and <c>#n</c> for the n-th document of a multi-document file.</summary>
    public string Source { get; }

    /// <summary>Detection or correlation.</summary>
    public SigmaRuleKind Kind { get; }

    /// <summary>The rule's <c>id</c> (a UUID in SigmaHQ rules).</summary>
    public string? Id { get; init; }

    /// <summary>The rule's <c>name</c>, used by correlation rules to refer to it.</summary>
    public string? Name { get; init; }

    /// <summary>The rule's <c>title</c>.</summary>
    public string Title { get; init; } = "";

    /// <summary><c>stable</c>, <c>test</c>, <c>experimental</c>, <c>deprecated</c> or <c>unsupported</c>.</summary>
    public string? Status { get; init; }

    /// <summary><c>informational</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public string? Level { get; init; }

    /// <summary>The rule's <c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The rule's <c>author</c> (names separated by commas).</summary>
    public string? Author { get; init; }

    /// <summary>Creation date as written (YYYY-MM-DD).</summary>
    public string? Date { get; init; }

    /// <summary>Last modification date as written (YYYY-MM-DD).</summary>
    public string? Modified { get; init; }

    /// <summary>The rule's <c>license</c>.</summary>
    public string? License { get; init; }

    /// <summary>Tags, such as <c>attack.t1059.001</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The rule's <c>references</c>.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Known false positives.</summary>
    public IReadOnlyList<string> FalsePositives { get; init; } = [];

    /// <summary>Fields worth showing to an analyst.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The rule's <c>related</c> rules.</summary>
    public IReadOnlyList<SigmaRelated> Related { get; init; } = [];

    /// <summary>The rule's log source (empty for correlation rules).</summary>
    public SigmaLogsource Logsource { get; init; } = new(null, null, null, null);

    /// <summary>The <c>regression_tests_path</c> SigmaHQ rules carry, when present.</summary>
    public string? RegressionTestsPath { get; init; }

    /// <summary>The MITRE ATT&amp;CK tags (<c>attack.*</c>).</summary>
    public IEnumerable<string> AttackTags => Tags.Where(t => t.StartsWith("attack.", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// False when the rule is only there to feed a correlation rule whose <c>generate</c> is false:
    /// its own matches are then not findings by themselves.
    /// </summary>
    public bool Standalone { get; internal set; } = true;

    /// <inheritdoc />
    public override string ToString() => Id is null ? Title : $"{Title} ({Id})";
}
