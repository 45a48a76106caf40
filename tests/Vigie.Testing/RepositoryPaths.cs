using Xunit;

namespace Vigie.Testing;

/// <summary>Locates the repository and the shared data folder that sits beside it (<c>../shared</c>).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root: the nearest folder above the test binaries that holds Vigie.slnx.</summary>
    public static string Root => s_root.Value;

    /// <summary>True when the run is a CI run (<c>CI=true</c>), where missing prerequisites are failures, not skips.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The path of a folder or file under <c>../shared/data</c>. Outside CI, when the data is absent, the
    /// calling test is skipped with a message saying so; in CI its absence fails the test.
    /// </summary>
    public static string SharedData(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", relativePath));
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        var message = $"Shared test data not found at {path} (expected ../shared/data beside the repository).";
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return path; // not reached: Assert.Skip throws
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigie.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException(
            $"Vigie.slnx not found above {AppContext.BaseDirectory}.");
    }
}
