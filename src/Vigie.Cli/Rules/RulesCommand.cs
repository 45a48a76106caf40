using System.CommandLine;

namespace Vigie.Cli.Rules;

/// <summary><c>vigie rules</c>: Sigma rule tools.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files or folders (searched recursively for .yml and .yaml files).",
            Arity = ArgumentArity.OneOrMore,
        };
        var logsources = new Option<string?>("--logsources")
        {
            Description = "A YAML logsource mapping whose entries replace or add to the built-in Windows mapping.",
        };
        var placeholders = new Option<string?>("--placeholders")
        {
            Description = "A YAML file of placeholder values for the 'expand' modifier (name: [values]).",
        };
        var check = new Command("check",
            "Load Sigma rules (rules, collections, filters, correlations) and report how many load; one line per " +
            "rejected rule with its reason. Exit code: 0 when every rule loads, 1 when some are rejected, 2 when an option file is unusable.");
        check.Arguments.Add(paths);
        check.Options.Add(logsources);
        check.Options.Add(placeholders);
        check.SetAction(result => RulesCheck.Run(
            result.GetValue(paths) ?? [],
            result.GetValue(logsources),
            result.GetValue(placeholders),
            Console.Out,
            Console.Error));

        var rules = new Command("rules", "Sigma rule tools.");
        rules.Subcommands.Add(check);
        return rules;
    }
}
