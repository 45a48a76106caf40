namespace Vigie.CommandPost.Storage;

public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}
