namespace Vigie.CommandPost.Storage;

/// <summary>
/// The database cannot do what was asked, for a reason of the machine rather than of the request (<see cref="Failure"/>):
/// the host answers 503 and says why, the CLI prints one line. The message names the database and says what to do.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseUnavailableException(StorageFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public StorageFailure Failure { get; }
}
