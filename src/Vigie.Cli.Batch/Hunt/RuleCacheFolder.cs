namespace Vigie.Cli.Hunt;

/// <summary>
/// Where <c>vigie hunt</c> keeps compiled rule sets between runs: <c>$VIGIE_RULE_CACHE</c> when set (<c>off</c>: no
/// cache), else <c>$XDG_CACHE_HOME/vigie/rules</c>, else <c>~/.cache/vigie/rules</c>. A folder that cannot be written
/// only costs the time of compiling the rules each run.
/// </summary>
internal static class RuleCacheFolder
{
    public const string Variable = "VIGIE_RULE_CACHE";

    public static string? Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : configured;
        }

        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cacheHome))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            cacheHome = Path.Combine(home, ".cache");
        }

        return Path.Combine(cacheHome, "vigie", "rules");
    }
}
