namespace Vigie.CommandPost.Deadlines;

/// <summary>A question the crisis cell answers per incident; deadlines apply when all their questions are answered yes.</summary>
public sealed record ApplicabilityQuestion(string Id, string Text, string TextEn)
{
    public string TextFor(bool english) => english ? TextEn : Text;
}
