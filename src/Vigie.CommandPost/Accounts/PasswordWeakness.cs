namespace Vigie.CommandPost.Accounts;

/// <summary>Why <see cref="PasswordPolicy"/> refuses a password. Pages show it in French or English (Password_* texts).</summary>
public enum PasswordWeakness
{
    /// <summary>Fewer than 12 characters.</summary>
    TooShort,

    /// <summary>More than 200 characters.</summary>
    TooLong,

    /// <summary>The account's login name, or a word of its display name, is in it.</summary>
    ContainsName,

    /// <summary>One character, or a short group of them, repeated ("aaaaaaaaaaaa", "ab12ab12ab12", twelve spaces).</summary>
    Repetitive,

    /// <summary>A run of the alphabet, the digits or a keyboard row ("abcdefghijkl", "123456789012", "azertyuiopqs").</summary>
    Sequential,

    /// <summary>A common password or word, doubled or with digits and symbols around it ("Motdepasse2024!", "P@ssw0rd").</summary>
    Common,
}
