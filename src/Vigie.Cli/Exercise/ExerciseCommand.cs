using System.CommandLine;
using System.Globalization;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.Cli.Exercise;

/// <summary>
/// <c>vigie exercise</c>: check a scenario file (every problem with its line, nothing written), import one as an exercise
/// incident (or a built-in scenario), list the exercises. Works on the database, like <c>vigie admin</c>.
/// </summary>
internal static class ExerciseCommand
{
    public const int RefusedExitCode = 2;

    public static Command Create()
    {
        var command = new Command("exercise", "Crisis exercises: check and import scenarios (Vigie YAML, CSV or XLSX chronogrammes), list exercises.");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(List());
        return command;
    }

    private static Option<string[]> MapOption() => new("--map")
    {
        Description = "Column mapping for a layout Vigie does not recognise: field=column pairs separated by ';' (fields: " +
                      $"{string.Join(", ", WireName<ChronogrammeField>.All)}). Example: --map \"content=Texte du message;to=Pour;offset=T0+\".",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<string?> LevelOption() => new("--level") { Description = "Level of a chronogramme: debutant, intermediaire (default) or confirme." };

    private static Command Check()
    {
        var file = new Argument<string>("file") { Description = "The scenario: .yaml (Vigie), .csv or .xlsx (a chronogramme)." };
        var map = MapOption();
        var title = new Option<string?>("--title") { Description = "Title of a chronogramme (default: the file name)." };
        var level = LevelOption();
        var check = new Command("check", $"Read a scenario and report every problem (line, column, reason) without importing. Exit 0 when it would import as is, {RefusedExitCode} otherwise. " +
                                         "Recipients are checked against Vigie's built-in names (the crisis cell's roles, Tous, Standard ...).") { file, map, title, level };
        check.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            var options = Options(result.GetValue(map), result.GetValue(title), result.GetValue(level));
            if (!options.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {options.Problem.Message}");
                return RefusedExitCode;
            }

            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            var read = ScenarioReader.Read(content, path, new ChronogrammeReader.Options(options.Value.Title, options.Value.Level, options.Value.Mapping), shippedFiles: BuiltInScenarios.File);
            Print(path, read);
            return read.IsClean ? 0 : RefusedExitCode;
        }));
        return check;
    }

    private static Command Import()
    {
        var file = new Argument<string?>("file") { Description = "The scenario file (.yaml, .csv, .xlsx).", Arity = ArgumentArity.ZeroOrOne };
        var builtIn = new Option<string?>("--builtin") { Description = $"Import a scenario shipped with Vigie instead: {string.Join(", ", BuiltInScenarios.All.Select(s => s.Key))}." };
        var map = MapOption();
        var title = new Option<string?>("--title") { Description = "Title (default: the scenario's, or the file name for a chronogramme)." };
        var level = LevelOption();
        var validOnly = new Option<bool>("--valid-only") { Description = "Import the good rows and leave out the refused ones (default: nothing is imported while a row is refused)." };
        var database = CommonOptions.Database();
        var import = new Command("import", $"Import a scenario as a new exercise incident (ready to start). Exit 0 with its id; {RefusedExitCode} and every problem when the file is refused.")
        {
            file, builtIn, map, title, level, validOnly, database,
        };
        import.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var options = Options(result.GetValue(map), result.GetValue(title), result.GetValue(level));
            if (!options.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {options.Problem.Message}");
                return RefusedExitCode;
            }

            byte[] content;
            string name;
            if (result.GetValue(builtIn) is { } key)
            {
                if (BuiltInScenarios.Find(key) is not { } scenario)
                {
                    await Console.Error.WriteLineAsync($"vigie: no built-in scenario '{key}'; known: {string.Join(", ", BuiltInScenarios.All.Select(s => s.Key))}");
                    return RefusedExitCode;
                }

                (content, name) = (BuiltInScenarios.Content(scenario), scenario.Key + ".yaml");
            }
            else if (result.GetValue(file) is { } path)
            {
                (content, name) = (await File.ReadAllBytesAsync(path, cancellationToken), path);
            }
            else
            {
                await Console.Error.WriteLineAsync("vigie: give a scenario FILE or --builtin KEY");
                return RefusedExitCode;
            }

            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            var imported = await context.Get<ExerciseService>().ImportAsync(content, name, options.Value with { ValidOnly = result.GetValue(validOnly) }, CliContext.Actor, cancellationToken);
            Print(name, imported.Read);
            foreach (var warning in imported.StartWarnings)
            {
                Console.WriteLine($"  warning: {warning}");
            }

            if (!imported.Imported)
            {
                await Console.Error.WriteLineAsync($"vigie: nothing imported{(imported.Read.HasGoodRows && !imported.Read.IsClean ? " (fix the file, or import the good rows with --valid-only)" : "")}");
                return RefusedExitCode;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exercise incident {imported.IncidentId}: {imported.Stimuli} stimuli imported, ready to start (DEBEX) from /exercices/{imported.IncidentId}/console"));
            return 0;
        }));
        return import;
    }

    private static Command List()
    {
        var database = CommonOptions.Database();
        var list = new Command("list", "List the exercises (apart from real incidents): id, status, level, stimuli played, title.") { database };
        list.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            var exercises = context.Get<ExerciseService>();
            var all = await exercises.ListAsync(cancellationToken);
            if (all.Count == 0)
            {
                Console.WriteLine("no exercise");
            }

            foreach (var e in all)
            {
                var counts = await exercises.CountsAsync(e.IncidentId, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.IncidentId,5}  {WireName<ExerciseStatus>.Of(e.Status),-9} {WireName<ScenarioLevel>.Of(e.Level),-13} {counts.Played,3}/{counts.Total,-3} played  {e.ScenarioTitle}"));
            }

            return 0;
        }));
        return list;
    }

    private static Result<ExerciseImportOptions> Options(string[]? map, string? title, string? level)
    {
        var mapping = ColumnMapping.Parse(map ?? []);
        if (!mapping.IsOk)
        {
            return mapping.Problem;
        }

        ScenarioLevel? parsed = null;
        if (level is not null)
        {
            var l = WireName<ScenarioLevel>.ParseField("level", level);
            if (!l.IsOk)
            {
                return l.Problem;
            }

            parsed = l.Value;
        }

        return new ExerciseImportOptions(title, parsed, mapping.Value);
    }

    private static void Print(string path, ScenarioReadResult read)
    {
        var details = string.Join(", ", new[]
        {
            read.Format,
            read.Encoding is null ? null : $"encoding {read.Encoding}",
            read.Separator is { } s ? $"separator '{(s == '\t' ? "tab" : s.ToString())}'" : null,
            string.Create(CultureInfo.InvariantCulture, $"{read.Rows} row(s)"),
        }.Where(d => d is not null));
        if (read.Scenario is { } scenario)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {details}; « {scenario.Title} », {WireName<ScenarioLevel>.Of(scenario.Level)}, {scenario.Stimuli.Count} good stimuli, {scenario.Objectives.Count} objectives, " +
                $"{scenario.Expectations.Count} expectations, {TimeTexts.FormatOffset(scenario.Duration)} planned"));
        }
        else
        {
            Console.WriteLine($"{path}: {details}; not readable");
        }

        if (read.Mapping.Count > 0)
        {
            Console.WriteLine("  columns: " + string.Join(", ", read.Mapping.Select(m => $"{m.Key}={m.Value}")));
        }

        foreach (var warning in read.Warnings)
        {
            Console.WriteLine($"  warning: {warning}");
        }

        foreach (var error in read.Errors)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(error.Line is { } line ? $"line {line}" : "file")}{(error.Field is null ? "" : $", {error.Field}")}: {error.Message}"));
        }

        Console.WriteLine(read.IsClean ? "  ok: no problem" : string.Create(CultureInfo.InvariantCulture, $"  {read.Errors.Count} problem(s)"));
    }
}
