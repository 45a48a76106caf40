using System.CommandLine;
using System.Globalization;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Deadlines;

namespace Vigie.Cli.Deadlines;

/// <summary>
/// <c>vigie deadlines</c> and <c>vigie checklists</c>: export the shipped data files as a starting point for the
/// hospital's own (beside the database: deadlines.yaml, checklists/*.yaml) and check a file before the server reads it.
/// </summary>
internal static class DeadlinesCommand
{
    public const int InvalidExitCode = 2;

    public static Command CreateDeadlines()
    {
        var command = new Command("deadlines", "The legal deadline rules (deadlines.yaml): export the shipped file, check a hospital's file.");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of the standard output (refuses to overwrite without --force)." };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file." };
        var export = new Command("export", "Print the shipped deadlines.yaml, to copy beside the database and edit.") { output, force };
        export.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
            await WriteAsync(result.GetValue(output), result.GetValue(force), DeadlineCatalogReader.ShippedText(), cancellationToken)));

        var file = new Argument<string>("file") { Description = "The deadlines.yaml to check (merged over the shipped rules, as the server does)." };
        var check = new Command("check", $"Check a hospital's deadlines.yaml. Exit 0 and a summary when valid, {InvalidExitCode} and the error (entry, field) otherwise.") { file };
        check.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            var merged = DeadlineCatalogReader.Merge(DeadlineCatalogReader.ShippedText(), text, path);
            if (!merged.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {merged.Problem.Message}");
                return InvalidExitCode;
            }

            var catalog = merged.Value;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: valid; with the shipped rules: {catalog.Rules.Count} deadlines, {catalog.Questions.Count} questions, {catalog.Events.Count} start events"));
            foreach (var rule in catalog.Rules)
            {
                Console.WriteLine($"  {rule.Id}: {rule.Name} ({rule.Authority}) — {rule.Offset.Describe(english: false)} after {rule.StartEventId}" +
                                  (rule.AppliesWhen.Count > 0 ? $", when {string.Join(" and ", rule.AppliesWhen)}" : ""));
            }

            return 0;
        }));
        command.Subcommands.Add(export);
        command.Subcommands.Add(check);
        return command;
    }

    public static Command CreateChecklists()
    {
        var command = new Command("checklists", "The reflex checklist templates (checklists/*.yaml): export the shipped ones, check a hospital's files.");
        var folder = new Option<string>("--output", "-o") { Description = "Folder to write the shipped templates into (e.g. vigie-data/checklists).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite files that exist." };
        var export = new Command("export", "Write the shipped templates (ransomware, data theft, telephony outage) to a folder, to edit.") { folder, force };
        export.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var target = result.GetValue(folder)!;
            Directory.CreateDirectory(target);
            foreach (var (name, text) in ChecklistTemplateSource.ShippedFiles())
            {
                var code = await WriteAsync(Path.Combine(target, name), result.GetValue(force), text, cancellationToken);
                if (code != 0)
                {
                    return code;
                }

                Console.WriteLine(Path.Combine(target, name));
            }

            return 0;
        }));

        var files = new Argument<string[]>("files") { Description = "Template files to check.", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", $"Check template files. Exit 0 when all are valid, {InvalidExitCode} otherwise (each error printed).") { files };
        check.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var code = 0;
            foreach (var path in result.GetValue(files)!)
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                if (ChecklistTemplateReader.DisabledId(text) is { } removed)
                {
                    Console.WriteLine($"{path}: removes the template '{removed}'");
                    continue;
                }

                var read = ChecklistTemplateReader.Read(text, path);
                if (read.IsOk)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: valid; '{read.Value.Id}' ({read.Value.Name}), {read.Value.ItemCount} items"));
                }
                else
                {
                    await Console.Error.WriteLineAsync($"vigie: {read.Problem.Message}");
                    code = InvalidExitCode;
                }
            }

            return code;
        }));
        command.Subcommands.Add(export);
        command.Subcommands.Add(check);
        return command;
    }

    private static async Task<int> WriteAsync(string? path, bool force, string text, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await Console.Out.WriteAsync(text.AsMemory(), cancellationToken);
            return 0;
        }

        if (File.Exists(path) && !force)
        {
            await Console.Error.WriteLineAsync($"vigie: {path} exists; add --force to overwrite it");
            return 1;
        }

        await File.WriteAllTextAsync(path, text, cancellationToken);
        return 0;
    }
}
