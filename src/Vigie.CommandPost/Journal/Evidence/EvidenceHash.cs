namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>The form of an evidence file's name: a SHA-256 as 64 lowercase hexadecimal digits.</summary>
public static class EvidenceHash
{
    public const int Length = 64;

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
