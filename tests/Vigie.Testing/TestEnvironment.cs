using Xunit;

namespace Vigie.Testing;

/// <summary>What the test run provides beyond the code: servers and tools that scripts/test starts or installs.</summary>
public static class TestEnvironment
{
    /// <summary>
    /// An Npgsql connection string to a throwaway PostgreSQL server where the tests may create databases
    /// (scripts/test sets <c>VIGIE_TEST_POSTGRES</c>). Skips the test when absent outside CI; fails it in CI.
    /// </summary>
    public static string PostgresConnectionString() =>
        Require("VIGIE_TEST_POSTGRES", "PostgreSQL test server (VIGIE_TEST_POSTGRES, set by scripts/test)");

    /// <summary>True when a PostgreSQL test server is configured for this run.</summary>
    public static bool HasPostgres => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VIGIE_TEST_POSTGRES"));

    /// <summary>The path of an executable the tests need (evtxexport, chromium, pdftotext); skips or fails when missing.</summary>
    public static string Tool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Missing($"the tool '{name}' is not on PATH (scripts/test installs it)");
        return name; // not reached
    }

    private static string Require(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        Missing($"{what} is not available");
        return ""; // not reached
    }

    private static void Missing(string message)
    {
        if (RepositoryPaths.IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message + "; run ./scripts/test to get it.");
    }
}
