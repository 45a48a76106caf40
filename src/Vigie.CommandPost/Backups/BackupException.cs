namespace Vigie.CommandPost.Backups;

/// <summary>A copy or a restore could not be made (a tool missing or failing, a copy that does not verify); the message says why, for people.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
