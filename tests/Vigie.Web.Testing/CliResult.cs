namespace Vigie.Web.Testing;

public sealed record CliResult(int ExitCode, string Output, string Error);
