using System.Text.Json.Serialization;

namespace Vigie.CommandPost.Reports;

/// <summary>A piece of a report section: a paragraph, a list of facts, or a table.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ReportParagraph), "paragraph")]
[JsonDerivedType(typeof(ReportFacts), "facts")]
[JsonDerivedType(typeof(ReportTable), "table")]
public abstract record ReportBlock;
