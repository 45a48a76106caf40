namespace Vigie.Web.Journal;

/// <summary>Files attached to journal entries: the form field, the list under an entry, refusals (French in EvidenceText.resx, English in EvidenceText.en.resx).</summary>
public sealed class EvidenceText
{
}
